//! `burnrate calibrate` on usage exports written from a known organisation: the fit gives back
//! what the organisation was made with (spread and mean of spend, adoption, cache share, model
//! shares), a spending cap is handled as censoring, and no one's name reaches the scenario.

use burnrate::adoption::bass_closed_form;
use burnrate::calendar::{Date, YearMonth};
use burnrate::pricing::Catalogue;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Token shares: input, cache read, cache write, output.
const MIX: [f64; 4] = [0.01, 0.9, 0.04, 0.05];
/// Models and their shares of each person's tokens.
const MODELS: [(&str, f64); 2] = [("claude-sonnet-4-6", 0.7), ("claude-opus-4-6", 0.3)];
const SIGMA: f64 = 1.1;
const MEAN_USD: f64 = 300.0;
const Q: f64 = 0.8;

/// [USD / token] of each token type of `model` at list price on the day demand is calibrated.
fn prices(model: &str) -> [f64; 4] {
    let day = Date::from_ymd(2026, 11, 22).unwrap();
    let p = Catalogue::builtin()
        .get(model)
        .unwrap()
        .list_prices_on(day)
        .unwrap();
    [p.input.0, p.cache_read.0, p.cache_write_5m.0, p.output.0].map(|x| x / 1e6)
}

/// One usage record: person, day, model, tokens by type, gross cost [USD].
struct Record {
    user: String,
    day: Date,
    model: &'static str,
    tokens: [f64; 4],
    gross: f64,
}

/// Two records a month per person per model, from the month they adopt (Bass, p = 0.03,
/// q = `Q`) over 12 months; a fifth of people are light completion-only users; monthly gross
/// spend is capped at `cap` when given.
fn organisation(people: usize, cap: Option<f64>, seed: u64) -> Vec<Record> {
    let reference = prices("claude-sonnet-4-6");
    let per_token: f64 = MIX.iter().zip(reference).map(|(m, p)| m * p).sum();
    let model_prices = MODELS.map(|(model, _)| prices(model));
    // Gross dollars per reference dollar of the mix: the cap binds on gross spend.
    let gross_per_reference: f64 = MODELS
        .iter()
        .zip(&model_prices)
        .map(|((_, share), p)| {
            share * MIX.iter().zip(p).map(|(m, p)| m * p).sum::<f64>() / per_token
        })
        .sum();
    let level = LogNormal::new(libm::log(MEAN_USD) - SIGMA * SIGMA / 2.0, SIGMA).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start = YearMonth::new(2026, 1).unwrap();
    let mut out = Vec::new();
    for person in 0..people {
        let u: f64 = rng.random();
        let Some(adopted) =
            (0..12u32).find(|&k| bass_closed_form(0.03, Q, f64::from(k) + 1.0) >= u)
        else {
            continue;
        };
        let light = rng.random::<f64>() < 0.2;
        let usd = if light { 8.0 } else { level.sample(&mut rng) };
        let usd = cap.map_or(usd, |c| usd.min(c / gross_per_reference));
        for k in adopted..12 {
            for day in [3, 17] {
                for ((model, share), p) in MODELS.iter().zip(&model_prices) {
                    let tokens = MIX.map(|m| usd / per_token * share * m / 2.0);
                    let gross = tokens.iter().zip(p).map(|(t, p)| t * p).sum();
                    out.push(Record {
                        user: format!("dev{person}@corp.example"),
                        day: Date::from_ymd(
                            2026,
                            start.plus(k).to_string()[5..].parse().unwrap(),
                            day,
                        )
                        .unwrap(),
                        model,
                        tokens,
                        gross,
                    });
                }
            }
        }
    }
    out
}

fn copilot_csv(records: &[Record]) -> String {
    let mut s = String::from("date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,organization,repository,cost_center_name,input,output,cache_read,cache_write\n");
    for r in records {
        let [i, cr, cw, o] = r.tokens.map(|t| t.round());
        s += &format!("{},{},copilot,copilot_ai_credit,{},{:.4},ai-credits,0.01,{:.6},0,{:.6},corp,,Eng,{i},{o},{cr},{cw}\n", r.day, r.user, r.model, r.gross * 100.0, r.gross, r.gross);
    }
    s
}

fn litellm_csv(records: &[Record]) -> String {
    let mut s = String::from("user_id,date,model,prompt_tokens,completion_tokens,cache_read_input_tokens,cache_creation_input_tokens,spend,api_requests\n");
    for r in records {
        let [i, cr, cw, o] = r.tokens.map(|t| t.round());
        s += &format!(
            "{},{},{},{},{o},{cr},{cw},{:.6},10\n",
            r.user,
            r.day,
            r.model,
            i + cr + cw,
            r.gross
        );
    }
    s
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("burnrate-calibrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `burnrate calibrate` with `args`; the scenario JSON and the summary on stderr.
fn calibrate(files: &[&Path], args: &[&str]) -> (Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .arg("calibrate")
        .args(files)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn number(v: &Value, path: &str) -> f64 {
    path.split('.')
        .fold(v, |v, k| &v[k])
        .as_f64()
        .unwrap_or_else(|| panic!("{path} in {v}"))
}

fn check_recovered(s: &Value) {
    let sigma = number(s, "usage.sigma");
    let mean = number(s, "usage.mean_spend_usd");
    let q = number(s, "adoption.q");
    assert!((sigma - SIGMA).abs() < 0.05, "sigma {sigma}");
    assert!((mean / MEAN_USD - 1.0).abs() < 0.05, "mean {mean}");
    assert!((q / Q - 1.0).abs() < 0.2, "q {q}");
    assert!((number(s, "token_mix.cache_read") - MIX[1]).abs() < 0.01);
    let mix = s["model_mix"].as_array().unwrap();
    for (model, share) in MODELS {
        let got = mix
            .iter()
            .find(|m| m["model"] == model)
            .unwrap_or_else(|| panic!("{model} in {mix:?}"));
        assert!(
            (got["share"].as_f64().unwrap() - share).abs() < 0.02,
            "{got}"
        );
    }
}

#[test]
fn a_copilot_report_and_a_litellm_export_give_back_the_organisation() {
    let records = organisation(3000, None, 1);
    let copilot = temp("copilot.csv", &copilot_csv(&records));
    let litellm = temp("litellm.csv", &litellm_csv(&records));
    let (s, summary) = calibrate(&[&copilot], &[]);
    check_recovered(&s);
    assert!(summary.contains("fitted usage.sigma"), "{summary}");
    let (s, _) = calibrate(&[&litellm], &["--from", "litellm-csv"]);
    check_recovered(&s);
    assert_eq!(s["provenance"]["sources"][0]["format"], "litellm-csv");
}

#[test]
fn a_spending_cap_is_censoring_not_a_smaller_spread() {
    let records = organisation(3000, Some(600.0), 2);
    let file = temp("capped.csv", &copilot_csv(&records));
    let (censored, _) = calibrate(&[&file], &["--cap", "600"]);
    let (naive, _) = calibrate(&[&file], &[]);
    let sigma = number(&censored, "usage.sigma");
    assert!((sigma - SIGMA).abs() < 0.05, "censored sigma {sigma}");
    assert!((number(&naive, "usage.sigma") - SIGMA).abs() > 0.05);
    assert!(number(&censored, "provenance.observed.censored_users") > 100.0);
}

#[test]
fn no_name_from_any_export_reaches_the_scenario() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut names = std::collections::BTreeSet::new();
    for f in &files {
        let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
            .args(["usage", "import", "--format", "csv", "--show-users"])
            .arg(f)
            .output()
            .unwrap();
        for line in String::from_utf8_lossy(&out.stdout).lines().skip(1) {
            let user = line.split(',').nth(2).unwrap_or("");
            if !user.is_empty() {
                names.insert(user.to_string());
            }
        }
    }
    assert!(names.len() >= 5, "{names:?}");
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (s, summary) = calibrate(&paths, &[]);
    let text = s.to_string() + &summary;
    for name in &names {
        assert!(!text.contains(name.as_str()), "{name} leaked");
    }
    assert!(
        s["provenance"]["sources"].as_array().unwrap().len() >= 8,
        "{}",
        s["provenance"]
    );
}

#[test]
fn a_cap_that_is_not_an_amount_is_refused_by_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(["calibrate", "x.csv", "--cap", "none"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--cap") && err.contains("positive amount of dollars"),
        "{err}"
    );
}

#[test]
fn the_calibrated_scenario_carries_its_actuals_and_simulate_reforecasts_from_them() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage/copilot-organisation.csv");
    let (s, stderr) = calibrate(&[&fixture], &[]);
    assert!(
        stderr.contains("actuals: 6 months from 2026-01"),
        "{stderr}"
    );
    let actuals = &s["actuals"];
    assert_eq!(actuals["first_month"], "2026-01");
    let months = actuals["monthly_usd"].as_array().unwrap();
    assert_eq!(months.len(), 6);
    assert_eq!(
        months,
        s["provenance"]["observed"]["monthly_gross_usd"]
            .as_array()
            .unwrap(),
        "the organisation's months are the gross spend observed"
    );
    let centres: Vec<&str> = actuals["cost_centres"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(centres, ["Data", "Platform", "Product"]);
    let text = s.to_string();
    assert!(
        !text.contains("lindqvist") && !text.contains("okafor"),
        "no one's name: {text}"
    );
    let mut small = s.clone();
    small["uncertainty"]["draws"] = 40.into();
    let path = temp("calibrated.json", &small.to_string());
    let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(["simulate", "--scenario"])
        .arg(&path)
        .args(["--format", "text"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sets: Vec<&str> = small["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(sets.len() > 1, "{sets:?}");
    for name in &sets {
        assert!(
            stdout.contains(&format!("Reforecast of {name}\n")),
            "every policy set is reforecast: {name} in {stdout}"
        );
    }
    assert!(stdout.contains("At the current trajectory"), "{stdout}");
    assert!(stdout.contains("Jun 2026: spent $"), "{stdout}");
    let json = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(["simulate", "--scenario"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let reforecasts = report["reforecasts"].as_array().unwrap();
    assert_eq!(reforecasts.len(), sets.len());
    for (k, r) in reforecasts.iter().enumerate() {
        assert_eq!(r["policy"], k);
        let effective = number(r, "effective_draws");
        assert!((1.0..=40.0).contains(&effective), "{effective}");
        let centres: Vec<&str> = r["centres"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(centres, ["Data", "Platform", "Product"], "{r}");
    }
}

#[test]
fn a_cap_that_leaves_the_mean_uncertain_still_makes_a_valid_scenario() {
    // On the small fixture a $2,000 cap holds back one person's months: the mean's interval
    // is wider than a prior may be, and the prior takes the widest log-sd instead of failing.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage/copilot-organisation.csv");
    let (s, stderr) = calibrate(&[&fixture], &["--cap", "2000"]);
    assert!(
        stderr.contains("right-censored at the $2000 monthly cap"),
        "{stderr}"
    );
    let log_sd = s["uncertainty"]["priors"]["usage.mean_spend_usd"]["lognormal"]["sigma"]
        .as_f64()
        .unwrap();
    assert!(log_sd > 0.0 && log_sd <= 3.0, "{log_sd}");
}

/// The `pricing` entry of the provenance's fitted values.
fn price_level(s: &Value) -> &Value {
    s["provenance"]["fitted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "pricing")
        .unwrap_or_else(|| panic!("a fitted price level in {}", s["provenance"]))
}

#[test]
fn exports_billed_at_list_price_keep_list_prices() {
    let records = organisation(600, None, 21);
    for (name, text) in [
        ("list.csv", copilot_csv(&records)),
        ("list-litellm.csv", litellm_csv(&records)),
    ] {
        let (s, stderr) = calibrate(&[&temp(name, &text)], &[]);
        let level = price_level(&s);
        assert!(
            (level["value"].as_f64().unwrap() - 1.0).abs() < 0.005,
            "{name}: {level}"
        );
        assert!(s.get("pricing").is_none(), "{name}: {}", s["pricing"]);
        assert!(stderr.contains("1.00× the list price"), "{stderr}");
    }
}

#[test]
fn a_calibrated_copilot_report_reproduces_the_spend_it_was_fitted_to() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage/copilot-organisation.csv");
    let (s, stderr) = calibrate(&[&fixture], &[]);
    // The report bills about 3.1 times list price: the scenario carries its prices scaled.
    assert!(stderr.contains("3.10× the list price"), "{stderr}");
    let level = price_level(&s);
    let value = level["value"].as_f64().unwrap();
    assert!((value - 3.1).abs() < 0.01, "{level}");
    assert!(level["low"].as_f64().unwrap() <= value && value <= level["high"].as_f64().unwrap());
    let carried = s["pricing"]["prices"].as_array().unwrap();
    assert_eq!(carried.len(), 1, "{carried:?}");
    assert_eq!(carried[0]["id"], "claude-sonnet-4-6");
    // The spend fit is held by its prior: the mean is the sample's, the spread sane.
    let mean = number(&s, "usage.mean_spend_usd");
    assert!((100.0..130.0).contains(&mean), "mean {mean}");
    let sigma = number(&s, "usage.sigma");
    assert!((0.8..2.0).contains(&sigma), "sigma {sigma}");
    let path = temp("reproduced.json", &s.to_string());
    let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(["simulate", "--scenario"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let observed: Vec<f64> = s["actuals"]["monthly_usd"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let months = report["policies"][0]["months"].as_array().unwrap();
    let first = months.iter().position(|m| m["month"] == "2026-01").unwrap();
    let simulated: f64 = months[first..first + observed.len()]
        .iter()
        .map(|m| number(m, "spend_usd.p50"))
        .sum();
    let spent: f64 = observed.iter().sum();
    let ratio = simulated / spent;
    assert!(
        (0.75..1.25).contains(&ratio),
        "median spend over the observed months ${simulated:.0} against ${spent:.0} observed"
    );
}

#[test]
fn the_copilot_reports_reforecast_rests_on_enough_draws_and_continues_from_its_level() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/usage/copilot-organisation.csv");
    let (s, stderr) = calibrate(&[&fixture], &[]);
    // 48 people: the draws are raised, and the policies start after June 2026.
    assert_eq!(s["uncertainty"]["draws"], 2000, "{stderr}");
    assert!(
        stderr.contains("kept policies: as in the base scenario, but in force from 2026-07"),
        "{stderr}"
    );
    for p in s["policies"].as_array().unwrap() {
        if let Some(m) = p.get("mandate") {
            assert_eq!(m["start"], "2026-07", "{p}");
        }
    }
    let path = temp("reforecast-draws.json", &s.to_string());
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
            .args(["simulate", "--scenario"])
            .arg(&path)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let report: Value = serde_json::from_str(&run("json")).unwrap();
    let observed: Vec<f64> = s["actuals"]["monthly_usd"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    // The last three months' average, a year on: where the organisation actually is.
    let run_rate = observed[3..].iter().sum::<f64>() / 3.0 * 12.0;
    for r in report["reforecasts"].as_array().unwrap() {
        let effective = number(r, "effective_draws");
        assert!(effective >= 30.0, "{effective} effective draws: {r}");
    }
    // The baseline (a mandate, on an organisation that has all adopted) goes on at that rate;
    // the guard rails' ticket rule and chargeback spend less from July.
    let baseline = &report["reforecasts"][0];
    let remaining = baseline["remaining_usd"][1].as_f64().unwrap();
    assert!(
        (0.85..1.3).contains(&(remaining / run_rate)),
        "${remaining:.0} still to come against a run rate of ${run_rate:.0}"
    );
    assert!(number(baseline, "error_sigma") >= 0.15);
    let text = run("text");
    assert!(
        !text.contains("warning: The months spent match few draws"),
        "{text}"
    );
    assert!(
        text.contains("Each draw continues from the level observed"),
        "{text}"
    );
}
