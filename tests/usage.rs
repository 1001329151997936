//! Usage importers: every format's detection, columns by name, quirks, money units and skipped
//! records, on small fixtures written from the documented headers (tests/fixtures/usage/), and
//! generated 100,000-record files read in one pass.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::pricing::{Catalogue, UsageBundle};
use burnrate::units::{Tokens, Usd};
use burnrate::usage::{
    import_bytes, CostBasis, FileSummary, Period, SkipReason, Source, UsageError, UsageRow,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/usage/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> (FileSummary, Vec<UsageRow>) {
    import_bytes(&fixture(name), name, None, &Catalogue::builtin())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn skipped(s: &FileSummary, reason: SkipReason) -> u64 {
    s.skipped.get(&reason).copied().unwrap_or(0)
}

/// The catalogue's base-rate cost of a bundle on a model [USD].
fn list_cost(model: &str, day: &str, t: UsageBundle) -> f64 {
    Catalogue::builtin()
        .get(model)
        .unwrap()
        .list_prices_on(day.parse().unwrap())
        .unwrap()
        .cost(&t)
        .total()
        .0
}

/// The CSV with its columns in reverse order.
fn reversed_columns(bytes: &[u8]) -> Vec<u8> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for rec in r.byte_records() {
        let rec = rec.unwrap();
        let mut fields: Vec<&[u8]> = rec.iter().collect();
        fields.reverse();
        w.write_record(fields).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn each_fixture_is_detected_from_its_content() {
    for (name, want) in [
        ("copilot-ai-usage.csv", Source::Copilot),
        ("copilot-ai-usage-quoted.csv", Source::Copilot),
        ("copilot-premium.csv", Source::CopilotPremium),
        ("copilot-premium-analytics.csv", Source::CopilotPremium),
        ("cursor-team.csv", Source::Cursor),
        ("cursor-old.csv", Source::Cursor),
        ("litellm-daily-user-spend.csv", Source::LitellmCsv),
        ("litellm-user-daily-activity.json", Source::LitellmJson),
        ("ccusage-daily.json", Source::Ccusage),
        ("ccusage-monthly.json", Source::Ccusage),
        ("anthropic-messages-usage.json", Source::AnthropicUsage),
        ("anthropic-analytics-cost.json", Source::AnthropicUsage),
        ("claude-code-analytics.json", Source::ClaudeCode),
        ("openai-completions-usage.json", Source::OpenaiUsage),
        ("focus-ai.csv", Source::Focus),
    ] {
        assert_eq!(Source::detect(&fixture(name)), Some(want), "{name}");
        assert_eq!(import(name).0.format, want, "{name}");
        let reversed = reversed_columns(&fixture(name));
        if !name.ends_with(".json") && !name.contains("quoted") {
            assert_eq!(Source::detect(&reversed), Some(want), "{name} reversed");
        }
    }
    assert_eq!(Source::detect(b"a,b,c\n1,2,3\n"), None);
    assert_eq!(Source::detect(b"{\"x\": 1}"), None);
    let e = import_bytes(b"a,b\n1,2\n", "odd.csv", None, &Catalogue::builtin()).unwrap_err();
    assert!(matches!(e, UsageError::UnknownFormat { .. }), "{e}");
    assert!(e.to_string().contains("odd.csv") && e.to_string().contains("--from"));
    for (blank, from) in [("", None), (" \r\n", None), ("\n", Some(Source::Cursor))] {
        let e = import_bytes(blank.as_bytes(), "may.csv", from, &Catalogue::builtin()).unwrap_err();
        assert_eq!(e.to_string(), "may.csv: the file is empty");
    }
}

#[test]
fn csv_columns_are_found_by_name_in_any_order() {
    for name in [
        "copilot-ai-usage.csv",
        "copilot-premium.csv",
        "copilot-premium-analytics.csv",
        "cursor-team.csv",
        "cursor-old.csv",
        "litellm-daily-user-spend.csv",
        "focus-ai.csv",
    ] {
        let (a, rows_a) = import(name);
        let (b, rows_b) = import_bytes(
            &reversed_columns(&fixture(name)),
            name,
            None,
            &Catalogue::builtin(),
        )
        .unwrap();
        assert_eq!(rows_a, rows_b, "{name}");
        assert_eq!(a.skipped, b.skipped, "{name}");
        assert_eq!(a.problems, b.problems, "{name}");
    }
}

#[test]
fn copilot_ai_usage_report_keeps_skus_refunds_and_picker_labels() {
    let (s, rows) = import("copilot-ai-usage.csv");
    assert_eq!((s.rows_read, s.rows_imported), (7, 5));
    assert_eq!(skipped(&s, SkipReason::BadNumber), 1);
    assert_eq!(skipped(&s, SkipReason::BadDate), 1);
    assert_eq!(
        s.problems,
        [
            "copilot-ai-usage.csv:7: column gross_amount: bad-number",
            "copilot-ai-usage.csv:8: column date: bad-date",
        ]
    );
    let first = &rows[0];
    assert_eq!(first.day.to_string(), "2026-08-01");
    assert_eq!(first.user.as_deref(), Some("samiran-patra_Barco"));
    assert_eq!(first.model.id, "claude-haiku-4-5");
    assert!(first.model.known);
    assert_eq!(first.cost_centre.as_deref(), Some("Control Rooms"));
    assert_eq!(first.organisation.as_deref(), Some("barcoemu"));
    assert_eq!(
        (
            first.input,
            first.output,
            first.cache_read,
            first.cache_write
        ),
        (
            Tokens(198.0),
            Tokens(8209.0),
            Tokens(223257.0),
            Tokens(30122.0)
        )
    );
    assert_eq!(first.gross, Some(Usd(0.09109908)));
    assert_eq!(first.net, Some(Usd(0.0)));
    assert_eq!(first.basis, CostBasis::File);
    // Two SKUs for one day, user and model stay two rows whose costs add.
    assert_eq!(rows[1].model, first.model);
    assert_eq!(rows[1].gross, Some(Usd(0.02)));
    // A feature name is kept as an unknown model, priced from its own cost.
    let agent = &rows[3];
    assert_eq!(
        (agent.model.id.as_str(), agent.model.known),
        ("Coding Agent model", false)
    );
    assert_eq!(agent.gross, Some(Usd(0.4)));
    // A refund is a negative amount that nets in the totals.
    assert_eq!(rows[4].gross, Some(Usd(-0.2)));
    close(s.gross_usd, 0.09109908 + 0.02 + 1.5 + 0.4 - 0.2);
    close(s.net_usd.unwrap(), 0.02 - 0.2);
    assert_eq!((s.users, s.days, s.months), (2, 3, 1));
    assert_eq!(s.unpriced_rows, 0);
}

#[test]
fn copilot_rows_wrapped_whole_in_quotes_read_as_plain_ones() {
    let (s, rows) = import("copilot-ai-usage-quoted.csv");
    assert_eq!((s.rows_imported, s.rows_read), (2, 2));
    assert_eq!(rows[0].model.id, "claude-haiku-4-5");
    assert_eq!(rows[0].cache_read, Tokens(223257.0));
    assert_eq!(rows[1].model.id, "claude-sonnet-4-6");
    close(s.gross_usd, 0.09109908 + 1.5);
}

#[test]
fn premium_request_reports_cost_requests_at_four_cents() {
    let (s, rows) = import("copilot-premium.csv");
    assert_eq!((s.rows_read, s.rows_imported), (3, 2));
    assert_eq!(
        s.problems,
        ["copilot-premium.csv:4: column quantity: bad-number"]
    );
    assert_eq!(rows[0].model.id, "Claude Sonnet 4");
    assert!(!rows[0].model.known);
    assert_eq!(rows[0].cost_centre.as_deref(), Some("CC-Alpha"));
    close(s.gross_usd, 0.144 + 0.4);
    close(s.net_usd.unwrap(), 0.144);
    assert_eq!(rows[0].input, Tokens(0.0));

    let (s, rows) = import("copilot-premium-analytics.csv");
    assert_eq!(rows[0].model.id, "claude-sonnet-4-5");
    assert_eq!(rows[0].user.as_deref(), Some("carol-analytics"));
    close(rows[0].gross.unwrap().0, 25.0 * 0.04);
    close(rows[1].gross.unwrap().0, 2.5 * 0.04);
    assert_eq!(s.net_usd, None);
    assert_eq!(s.days, 2);
}

#[test]
fn cursor_cache_writes_are_the_difference_of_the_input_columns() {
    let (s, rows) = import("cursor-team.csv");
    assert_eq!((s.rows_read, s.rows_imported), (5, 4));
    assert_eq!(s.problems, ["cursor-team.csv:6: column Cost: bad-number"]);
    let r = &rows[0];
    assert_eq!(r.model.id, "claude-sonnet-4-5");
    assert_eq!((r.input, r.cache_write), (Tokens(126.0), Tokens(6112.0)));
    assert_eq!((r.gross, r.net), (Some(Usd(0.2)), Some(Usd(0.2))));
    // "Included": nothing billed; gross is the tokens' list price.
    let inc = &rows[1];
    assert_eq!(inc.model.id, "gpt-5.5");
    assert_eq!(inc.net, Some(Usd(0.0)));
    assert_eq!(inc.basis, CostBasis::Catalogue);
    let t = UsageBundle {
        input: Tokens(5000.0),
        cache_read: Tokens(100_000.0),
        cache_write_5m: Tokens(15_000.0),
        output: Tokens(2000.0),
        ..UsageBundle::default()
    };
    close(inc.gross.unwrap().0, list_cost("gpt-5.5", "2025-09-15", t));
    // "Free" on an unknown model: flagged unpriced, never $0.
    let free = &rows[2];
    assert_eq!(
        (free.model.known, free.basis, free.gross),
        (false, CostBasis::Unpriced, None)
    );
    assert_eq!(s.unpriced_rows, 1);
    let cursor_small = s.models.iter().find(|m| m.model == "cursor-small").unwrap();
    assert_eq!(cursor_small.unpriced_rows, 1);
    // An errored request: not charged, whatever the cost column says.
    assert_eq!(rows[3].net, Some(Usd(0.0)));
    assert_eq!(rows[3].basis, CostBasis::Catalogue);
}

#[test]
fn an_old_cursor_export_without_user_or_agent_columns_reads() {
    let (s, rows) = import("cursor-old.csv");
    assert_eq!(s.rows_imported, 1);
    assert_eq!(rows[0].user.as_deref(), Some("cursor-old"));
    assert_eq!(rows[0].day.to_string(), "2025-05-02");
    assert_eq!(rows[0].cache_write, Tokens(1000.0));
    assert_eq!(rows[0].gross, Some(Usd(0.05)));
}

#[test]
fn litellm_daily_spend_splits_cached_prompt_tokens() {
    let (s, rows) = import("litellm-daily-user-spend.csv");
    assert_eq!((s.rows_read, s.rows_imported), (5, 4));
    assert_eq!(
        s.problems,
        ["litellm-daily-user-spend.csv:6: column prompt_tokens: negative-tokens"]
    );
    let r = &rows[0];
    assert_eq!(r.team.as_deref(), Some("team-payments"));
    assert_eq!(
        (r.input, r.cache_read, r.cache_write, r.output),
        (
            Tokens(100_000.0),
            Tokens(900_000.0),
            Tokens(100_000.0),
            Tokens(20_000.0)
        )
    );
    assert_eq!((r.gross, r.net), (Some(Usd(0.975)), None));
    // No spend on a known model: priced with the catalogue.
    assert_eq!(rows[1].basis, CostBasis::Catalogue);
    let t = UsageBundle {
        input: Tokens(50_000.0),
        output: Tokens(4000.0),
        ..UsageBundle::default()
    };
    close(
        rows[1].gross.unwrap().0,
        list_cost("gpt-5.5", "2026-03-03", t),
    );
    // No spend on an unknown model: unpriced; with spend: the file's cost.
    assert_eq!(rows[2].basis, CostBasis::Unpriced);
    assert_eq!(rows[3].basis, CostBasis::File);
    assert_eq!(s.net_usd, None);
}

#[test]
fn litellm_daily_activity_reads_per_model_breakdowns() {
    let (s, rows) = import("litellm-user-daily-activity.json");
    assert_eq!((s.rows_read, s.rows_imported), (3, 2));
    assert_eq!(
        s.problems,
        ["litellm-user-daily-activity.json: results[2].date: bad-date"]
    );
    assert_eq!(rows[0].model.id, "gpt-5.5");
    assert_eq!(rows[0].gross, Some(Usd(0.0177)));
    assert_eq!(rows[1].model.id, "(all models)");
    assert_eq!(
        (rows[1].input, rows[1].cache_read),
        (Tokens(2000.0), Tokens(8000.0))
    );
    assert_eq!(rows[0].user.as_deref(), Some("litellm-user-daily-activity"));
}

#[test]
fn ccusage_daily_and_monthly_take_the_user_from_the_file_name() {
    let (s, rows) = import("ccusage-daily.json");
    assert_eq!((s.rows_read, s.rows_imported), (4, 3));
    assert_eq!(
        s.problems,
        ["ccusage-daily.json: daily[2].inputTokens: negative-tokens"]
    );
    assert_eq!(rows[0].model.id, "claude-sonnet-4-20250514");
    assert!(!rows[0].model.known);
    assert_eq!(rows[1].model.id, "claude-opus-4-6");
    assert_eq!(rows[2].model.id, "claude-haiku-4-5");
    assert!(rows
        .iter()
        .all(|r| r.user.as_deref() == Some("ccusage-daily")));
    close(s.gross_usd, 0.02 + 0.0031 + 0.001);

    let bytes = fixture("ccusage-monthly.json");
    let (s, rows) =
        import_bytes(&bytes, "exports/dev-b.json", None, &Catalogue::builtin()).unwrap();
    assert_eq!(rows[0].period, Period::Month);
    assert_eq!(rows[0].day.to_string(), "2026-04-01");
    assert_eq!(rows[0].user.as_deref(), Some("dev-b"));
    assert_eq!(rows[0].gross, Some(Usd(336.47)));
    assert_eq!(s.monthly_rows, 1);
}

#[test]
fn anthropic_usage_is_priced_with_both_cache_write_durations() {
    let (s, rows) = import("anthropic-messages-usage.json");
    assert_eq!((s.rows_read, s.rows_imported), (2, 1));
    assert_eq!(
        s.problems,
        ["anthropic-messages-usage.json: data[0].results[1].uncached_input_tokens: bad-number"]
    );
    let r = &rows[0];
    assert_eq!(r.user.as_deref(), Some("user_01WCz1FkmYMm4gnmykNKUu3Q"));
    assert_eq!(r.cache_write, Tokens(1500.0));
    assert_eq!(r.basis, CostBasis::Catalogue);
    // 1,500 × $5 + 200 × $0.50 + 500 × $6.25 + 1,000 × $10 + 500 × $25 per 1M tokens.
    close(r.gross.unwrap().0, 0.033225);
    assert_eq!(r.net, None);
}

#[test]
fn anthropic_analytics_amounts_are_fractional_cents() {
    let (s, rows) = import("anthropic-analytics-cost.json");
    let r = &rows[0];
    assert_eq!(r.user.as_deref(), Some("user_01AbCanalytics"));
    close(r.net.unwrap().0, 123.455);
    close(r.gross.unwrap().0, 150.0025);
    assert_eq!(r.model.id, "claude-opus-5");
    assert_eq!(s.unpriced_rows, 0);
}

#[test]
fn claude_code_estimated_costs_are_whole_cents() {
    let (s, rows) = import("claude-code-analytics.json");
    assert_eq!((s.rows_read, s.rows_imported), (3, 1));
    assert_eq!(skipped(&s, SkipReason::NotUsd), 1);
    assert_eq!(skipped(&s, SkipReason::MissingModel), 1);
    assert!(s.problems.contains(
        &"claude-code-analytics.json: data[1].model_breakdown[0].model: missing-model".to_string()
    ));
    let r = &rows[0];
    assert_eq!(r.model.id, "claude-sonnet-4-5");
    assert_eq!(r.gross, Some(Usd(10.25)));
    assert_eq!(r.organisation.as_deref(), Some("org-cc-1"));
    assert_eq!(r.cache_write, Tokens(5000.0));
}

#[test]
fn openai_input_includes_cached_tokens() {
    let (s, rows) = import("openai-completions-usage.json");
    assert_eq!((s.rows_read, s.rows_imported), (3, 2));
    let r = &rows[0];
    assert_eq!(r.day.to_string(), "2024-11-01");
    assert_eq!(
        (r.input, r.cache_read),
        (Tokens(200_000.0), Tokens(800_000.0))
    );
    let t = UsageBundle {
        input: Tokens(200_000.0),
        cache_read: Tokens(800_000.0),
        output: Tokens(50_000.0),
        ..UsageBundle::default()
    };
    close(r.gross.unwrap().0, list_cost("gpt-5.5", "2024-11-01", t));
    assert_eq!(rows[1].basis, CostBasis::Unpriced);
    assert_eq!(s.unpriced_rows, 1);
    assert_eq!(skipped(&s, SkipReason::NegativeTokens), 1);
}

#[test]
fn focus_reads_token_rows_and_skips_the_rest() {
    let (s, rows) = import("focus-ai.csv");
    assert_eq!((s.rows_read, s.rows_imported), (5, 3));
    assert_eq!(
        s.problems,
        [
            "focus-ai.csv:5: column ConsumedUnit: not-tokens",
            "focus-ai.csv:6: column BillingCurrency: not-usd",
        ]
    );
    assert_eq!(rows[0].model.id, "solora-reasoning-pro");
    assert_eq!(rows[0].input, Tokens(500_000.0));
    assert_eq!(rows[0].cost_centre.as_deref(), Some("Research"));
    assert_eq!(rows[0].user, None);
    assert_eq!(rows[1].cache_read, Tokens(900_000.0));
    assert_eq!(
        (rows[1].gross, rows[1].net),
        (Some(Usd(0.3)), Some(Usd(0.27)))
    );
    assert_eq!(rows[2].output, Tokens(500_000.0));
    close(s.gross_usd, 1.5 + 0.3 + 7.5);
    close(s.net_usd.unwrap(), 1.5 + 0.27 + 7.5);
    assert_eq!(s.users, 0);
}

#[test]
fn a_named_format_overrides_detection_and_missing_columns_are_named() {
    let e = import_bytes(
        &fixture("cursor-team.csv"),
        "cursor-team.csv",
        Some(Source::LitellmCsv),
        &Catalogue::builtin(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "cursor-team.csv: not a litellm-csv file: no column prompt_tokens in the header (line 1)"
    );
    let e = import_bytes(
        b"{\"daily\": [",
        "x.json",
        Some(Source::Ccusage),
        &Catalogue::builtin(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("x.json: not a valid ccusage file: "),
        "{e}"
    );
}

/// A generated file of `n` records in `source`'s format.
fn generated(source: Source, n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 200);
    let day = |i: usize| format!("2026-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28);
    let csv = |s: &mut String, header: &str, line: &dyn Fn(usize) -> String| {
        s.push_str(header);
        s.push('\n');
        for i in 0..n {
            s.push_str(&line(i));
            s.push('\n');
        }
    };
    let json = |s: &mut String, open: &str, close: &str, item: &dyn Fn(usize) -> String| {
        s.push_str(open);
        for i in 0..n {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&item(i));
        }
        s.push_str(close);
    };
    match source {
        Source::Copilot => csv(&mut s, "date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,organization,repository,cost_center_name,input,output,cache_read,cache_write", &|i| format!("{},user{},copilot,copilot_ai_credit,Auto: Claude Haiku 4.5,10,ai-credits,0.01,0.1,0.1,0,org,,cc{},10,20,300,40", day(i), i % 997, i % 7)),
        Source::CopilotPremium => csv(&mut s, "date,username,model,quantity,applied_cost_per_quantity,exceeds_quota", &|i| format!("{},user{},GPT-5.5,2.5,0.04,False", day(i), i % 997)),
        Source::Cursor => csv(&mut s, "Date,User,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost", &|i| format!("{}T10:00:00Z,u{}@x.example,Usage-based,claude-4.5-sonnet-thinking,No,300,100,1000,50,1350,$0.10", day(i), i % 997)),
        Source::LitellmCsv => csv(&mut s, "user_id,date,model,prompt_tokens,completion_tokens,cache_read_input_tokens,cache_creation_input_tokens,spend,api_requests", &|i| format!("u{},{},claude-sonnet-4-6,1000,100,800,100,0.1,2", i % 997, day(i))),
        Source::Focus => csv(&mut s, "BilledCost,BillingCurrency,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,SkuMeter,SkuPriceDetails,SubAccountName", &|i| format!("0.1,USD,{}T00:00:00Z,1000,Tokens,Output Tokens,\"{{\"\"ModelId\"\": \"\"claude-sonnet-4-6\"\"}}\",cc{}", day(i), i % 7)),
        Source::LitellmJson => json(&mut s, "{\"results\":[", "]}", &|i| format!("{{\"date\":\"{}\",\"metrics\":{{\"spend\":0.1,\"prompt_tokens\":100}},\"breakdown\":{{\"models\":{{\"gpt-5.5\":{{\"metrics\":{{\"spend\":0.1,\"prompt_tokens\":100,\"completion_tokens\":10}}}}}}}}}}", day(i))),
        Source::Ccusage => json(&mut s, "{\"daily\":[", "]}", &|i| format!("{{\"date\":\"{}\",\"inputTokens\":10,\"outputTokens\":5,\"cacheReadTokens\":100,\"cacheCreationTokens\":3,\"totalCost\":0.1,\"modelsUsed\":[\"claude-opus-4-6\"]}}", day(i))),
        Source::AnthropicUsage => json(&mut s, "{\"data\":[", "]}", &|i| format!("{{\"starting_at\":\"{}T00:00:00Z\",\"results\":[{{\"account_id\":\"user_{}\",\"model\":\"claude-opus-4-6\",\"uncached_input_tokens\":10,\"cache_read_input_tokens\":100,\"cache_creation\":{{\"ephemeral_5m_input_tokens\":5}},\"output_tokens\":3}}]}}", day(i), i % 997)),
        Source::ClaudeCode => json(&mut s, "{\"data\":[", "]}", &|i| format!("{{\"date\":\"{}T00:00:00Z\",\"actor\":{{\"type\":\"user_actor\",\"email_address\":\"u{}@x.example\"}},\"model_breakdown\":[{{\"model\":\"claude-sonnet-4-5\",\"tokens\":{{\"input\":10,\"output\":5,\"cache_read\":100,\"cache_creation\":3}},\"estimated_cost\":{{\"currency\":\"USD\",\"amount\":10}}}}]}}", day(i), i % 997)),
        Source::OpenaiUsage => json(&mut s, "{\"data\":[", "]}", &|i| format!("{{\"start_time\":{},\"results\":[{{\"user_id\":\"user-{}\",\"model\":\"gpt-5.5\",\"input_tokens\":100,\"input_cached_tokens\":80,\"output_tokens\":10}}]}}", 1_767_225_600 + (i % 365) * 86_400, i % 997)),
    }
    s.into_bytes()
}

#[test]
fn a_generated_large_file_of_every_format_is_read_in_one_pass() {
    const N: usize = 100_000;
    for source in Source::ALL {
        let bytes = generated(source, N);
        let mut rows = 0u64;
        let s = burnrate::usage::import_reader(
            bytes.as_slice(),
            "large",
            None,
            &Catalogue::builtin(),
            &mut |_| rows += 1,
        )
        .unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(s.format, source);
        // Work done: every byte read once, every record read once and imported.
        assert_eq!(s.bytes_read, bytes.len() as u64, "{source}");
        assert_eq!(
            (s.rows_read, s.rows_imported, rows),
            (N as u64, N as u64, N as u64),
            "{source}"
        );
        assert_eq!(s.unpriced_rows, 0, "{source}");
        assert!(s.gross_usd > 0.0, "{source}");
        assert_eq!(s.months, 12, "{source}");
    }
}

#[test]
fn a_file_over_the_json_limit_is_refused_unparsed() {
    let mut big = b"{\"daily\":[".to_vec();
    big.resize(burnrate::usage::MAX_USAGE_JSON_BYTES as usize + 10, b' ');
    let e = import_bytes(
        &big,
        "big.json",
        Some(Source::Ccusage),
        &Catalogue::builtin(),
    )
    .unwrap_err();
    assert!(matches!(e, UsageError::TooLarge { .. }), "{e}");
}

mod arbitrary_bytes {
    use super::*;
    use proptest::prelude::*;

    const HEADERS: [&str; 6] = [
        "date,username,model,gross_amount,net_amount,input,output,cache_read,cache_write\n",
        "date,username,model,quantity,exceeds_quota\n",
        "Date,User,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cost\n",
        "user_id,date,model,prompt_tokens,spend\n",
        "BilledCost,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,SkuMeter,SkuPriceDetails\n",
        "{\"data\":[{\"date\":",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), header in 0usize..7) {
            let mut input = HEADERS.get(header).map_or(Vec::new(), |h| h.as_bytes().to_vec());
            input.extend(&bytes);
            let catalogue = Catalogue::builtin();
            let _ = import_bytes(&input, "fuzz", None, &catalogue);
            for source in Source::ALL {
                let _ = import_bytes(&input, "fuzz", Some(source), &catalogue);
            }
        }

        #[test]
        fn csv_cells_never_panic(cells in proptest::collection::vec("[-$0-9a-zA-Z.,:\" T]{0,12}", 0..40)) {
            let catalogue = Catalogue::builtin();
            for header in &HEADERS[..5] {
                let mut input = header.to_string();
                for (i, c) in cells.iter().enumerate() {
                    input.push_str(c);
                    input.push(if i % 6 == 5 { '\n' } else { ',' });
                }
                let _ = import_bytes(input.as_bytes(), "fuzz", None, &catalogue);
            }
        }
    }
}

mod command_line {
    use std::process::{Command, Output};

    const FIXTURES: [&str; 15] = [
        "copilot-ai-usage.csv",
        "copilot-ai-usage-quoted.csv",
        "copilot-premium.csv",
        "copilot-premium-analytics.csv",
        "cursor-team.csv",
        "cursor-old.csv",
        "litellm-daily-user-spend.csv",
        "litellm-user-daily-activity.json",
        "ccusage-daily.json",
        "ccusage-monthly.json",
        "anthropic-messages-usage.json",
        "anthropic-analytics-cost.json",
        "claude-code-analytics.json",
        "openai-completions-usage.json",
        "focus-ai.csv",
    ];

    /// Every person named in the fixtures: logins, emails, names, user and key ids.
    const IDENTIFIERS: [&str; 20] = [
        "samiran-patra_Barco",
        "octo-lena",
        "alice-premium",
        "bob-premium",
        "carol-analytics",
        "dana@cursor-example.com",
        "eli@cursor-example.com",
        "cursor-example",
        "frank-litellm",
        "gina-litellm",
        "user_01WCz1FkmYMm4gnmykNKUu3Q",
        "apikey_01Rj2N8SVvo6BePZj99NhmiT",
        "apikey_02Flat",
        "user_01AbCanalytics",
        "jane@analytics-example.com",
        "Jane Smith",
        "developer@cc-example.com",
        "ci-bot-key",
        "user-openai-hal",
        "user-openai-ivy",
    ];

    fn usage(extra: &[&str]) -> Output {
        let dir = format!("{}/tests/fixtures/usage", env!("CARGO_MANIFEST_DIR"));
        Command::new(env!("CARGO_BIN_EXE_burnrate"))
            .current_dir(dir)
            .args(["usage", "import"])
            .args(FIXTURES)
            .args(extra)
            .output()
            .expect("the binary runs")
    }

    fn stdout(o: &Output) -> String {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout.clone()).unwrap()
    }

    #[test]
    fn summaries_name_no_one() {
        for format in ["text", "json"] {
            let out = stdout(&usage(&["--format", format]));
            for id in IDENTIFIERS {
                assert!(!out.contains(id), "{format} summary shows {id}:\n{out}");
            }
            assert!(out.contains("copilot-ai-usage.csv"), "{out}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&usage(&["--format", "json"]))).unwrap();
        assert_eq!(json["files"].as_array().unwrap().len(), 15);
        assert_eq!(json["files"][0]["format"], "copilot");
        assert_eq!(json["files"][0]["skipped"]["bad-date"], 1);
        assert!(json["total"]["users"].as_u64().unwrap() >= 15);
    }

    #[test]
    fn rows_as_csv_are_pseudonymised_unless_asked() {
        let out = stdout(&usage(&["--format", "csv"]));
        assert!(out.starts_with("day,period,user,"), "{out}");
        for id in IDENTIFIERS {
            assert!(!out.contains(id), "CSV rows show {id}");
        }
        assert!(out.contains(&burnrate::usage::pseudonym("octo-lena")));
        let shown = stdout(&usage(&["--format", "csv", "--show-users"]));
        assert!(shown.contains("octo-lena") && shown.contains("dana@cursor-example.com"));
        assert_eq!(out.lines().count(), shown.lines().count());
    }

    #[test]
    fn an_unreadable_file_fails_naming_it() {
        let o = Command::new(env!("CARGO_BIN_EXE_burnrate"))
            .args(["usage", "import", "no-such-file.csv"])
            .output()
            .unwrap();
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-file.csv"));
    }
}

/// Found by fuzzing (`usage_detect`): two rows spending $1e308 each summed to an infinite gross.
#[test]
fn a_number_beyond_the_documented_magnitude_skips_its_row_and_totals_stay_finite() {
    let csv = "user_id,date,model,prompt_tokens,completion_tokens,spend\n\
               frank,2026-03-03,gpt-5.5,50000,4000,1e308\n\
               frank,2026-03-04,gpt-5.5,50000,4000,1e308\n\
               gina,2026-03-04,gpt-5.5,1e300,4000,1.5\n\
               gina,2026-03-05,gpt-5.5,50000,4000,1.5\n";
    let catalogue = burnrate::pricing::Catalogue::builtin();
    let (s, rows) =
        burnrate::usage::import_bytes(csv.as_bytes(), "big.csv", None, &catalogue).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(skipped(&s, SkipReason::OutOfRange), 3);
    assert!(s.gross_usd.is_finite());
    close(s.gross_usd, 1.5);
    for said in [
        "big.csv:2: column spend: out-of-range",
        "big.csv:4: column prompt_tokens: out-of-range",
    ] {
        assert!(s.problems.iter().any(|p| p == said), "{:?}", s.problems);
    }
}
