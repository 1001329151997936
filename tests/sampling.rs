//! A large organisation's sample agrees with simulating everyone: totals, their percentiles
//! across draws, the top-10% share of spend and the gamers' share, within Monte Carlo noise,
//! at 20,000 and 200,000 developers (same parameter draws, populations drawn independently).
#![cfg(not(target_arch = "wasm32"))]

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::sampling::Sampling;
use burnrate::scenario::Scenario;
use burnrate::sim::{self, DrawResult, Quantity};

/// One policy set's figures of one draw.
struct Figures {
    total_spend: f64,
    adopters: f64,
    gamer_share: f64,
    top10_share: f64,
    final_top10_share: f64,
}

fn figures(d: &DrawResult, k: usize) -> Figures {
    let rows = &d.policies[k].rows;
    let sum = |q: Quantity| {
        (0..rows.months())
            .map(|t| rows.org(t)[q.index()])
            .sum::<f64>()
    };
    let agentic = sum(Quantity::Agentic);
    Figures {
        total_spend: sum(Quantity::Spend),
        adopters: rows.org(rows.months() - 1)[Quantity::Adopters.index()],
        gamer_share: if agentic > 0.0 {
            sum(Quantity::Gamers) / agentic
        } else {
            0.0
        },
        top10_share: d.policies[k].top10_share,
        final_top10_share: d.policies[k].final_top10_share,
    }
}

/// Asserts that the per-draw differences `sample − full` of a figure have a mean within four
/// standard errors of 0 (plus `slack`) and a spread below `spread` of the full figure's mean.
fn agree(name: &str, full: &[f64], sample: &[f64], slack: f64, spread: f64) {
    let n = full.len() as f64;
    let diff: Vec<f64> = sample.iter().zip(full).map(|(s, f)| s - f).collect();
    let mean = diff.iter().sum::<f64>() / n;
    let sd = (diff.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let level = full.iter().sum::<f64>() / n;
    assert!(
        mean.abs() <= 4.0 * sd / n.sqrt() + slack * level.abs(),
        "{name}: mean difference {mean} (sd {sd}) on {level}: {full:?} vs {sample:?}"
    );
    assert!(
        sd <= spread * level.abs(),
        "{name}: differences spread {sd} on {level}: {full:?} vs {sample:?}"
    );
}

/// Compares a run of `developers` on everyone and on `sampling`; `noise` scales the allowed
/// spread of the per-draw differences (the smaller the sample, the noisier).
fn compare(developers: u32, draws: u32, sampling: Sampling, noise: f64) {
    let mut s = Scenario::default();
    s.scale_developers(developers);
    s.uncertainty.draws = draws;
    let v = s.validate(&Catalogue::builtin()).unwrap();
    let full = sim::run_sampled(&v, Sampling::Everyone);
    let sample = sim::run_sampled(&v, sampling);
    for k in 0..v.policies.len() {
        let f: Vec<Figures> = full.iter().map(|d| figures(d, k)).collect();
        let s: Vec<Figures> = sample.iter().map(|d| figures(d, k)).collect();
        let pick = |x: &[Figures], get: fn(&Figures) -> f64| x.iter().map(get).collect::<Vec<_>>();
        let check = |name: &str, get: fn(&Figures) -> f64, slack: f64, spread: f64| {
            let name = format!("{developers} developers, policy set {k}: {name}");
            agree(&name, &pick(&f, get), &pick(&s, get), slack, spread * noise);
        };
        check("total spend", |x| x.total_spend, 0.005, 0.03);
        check("adopters", |x| x.adopters, 0.002, 0.01);
        check("top-10% share", |x| x.top10_share, 0.01, 0.03);
        check(
            "last month's top-10% share",
            |x| x.final_top10_share,
            0.01,
            0.04,
        );
        if k > 0 {
            check("gamers' share", |x| x.gamer_share, 0.02, 0.1);
        }
    }
    // The percentiles across draws, as the report gives them.
    let (rf, rs) = (Report::new(&v, &full), Report::new(&v, &sample));
    for (pf, ps) in rf.policies.iter().zip(&rs.policies) {
        let (a, b) = (pf.summary.total_spend_usd, ps.summary.total_spend_usd);
        for (x, y) in [(a.p10, b.p10), (a.p50, b.p50), (a.p90, b.p90)] {
            let (x, y) = (x.unwrap(), y.unwrap());
            assert!((x - y).abs() <= 0.03 * noise * x, "{}: {x} vs {y}", pf.name);
        }
    }
}

#[test]
fn a_sample_of_a_quarter_agrees_with_20000_developers() {
    compare(20_000, 8, Sampling::Sample { size: 5_000 }, 2.0);
}

#[test]
fn the_default_sample_agrees_with_200000_developers() {
    assert_eq!(
        sim::sampling(&{
            let mut s = Scenario::default();
            s.scale_developers(200_000);
            s.validate(&Catalogue::builtin()).unwrap()
        }),
        Sampling::for_organisation(200_000)
    );
    compare(200_000, 5, Sampling::for_organisation(200_000), 1.0);
}
