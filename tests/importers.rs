//! Importers on real-format files (LiteLLM, OpenRouter, llm-prices) and on each class of bad
//! input: a clear message naming the file, entry and field, and never a silent $0.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::calendar::Date;
use burnrate::pricing::import::{import, Format, ImportError, Imported};
use burnrate::pricing::{Catalogue, PriceQuery, STANDARD};
use burnrate::units::UsdPerMTok;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn load(name: &str, format: Option<Format>) -> Result<Imported, ImportError> {
    import(&read(name), format, name, day("2026-11-01"))
}

fn input_price(i: &Imported, id: &str, on: &str) -> f64 {
    i.catalogue
        .get(id)
        .unwrap_or_else(|| panic!("{id} imported"))
        .list_prices_on(day(on))
        .unwrap()
        .input
        .0
}

#[test]
fn litellm_sample_imports_chat_models_and_counts_the_rest() {
    let i = load("litellm-sample.json", None).unwrap();
    assert_eq!(i.summary.format, Format::Litellm);
    let s = &i.summary;
    assert_eq!(s.skipped.get("mode embedding"), Some(&1));
    assert_eq!(s.skipped.get("mode audio_transcription"), Some(&1));
    assert_eq!(s.skipped.get("mode audio_speech"), Some(&1));
    assert!(i.catalogue.get("sample_spec").is_none());
    // 3e-6 per token is $3 per 1M.
    assert!((input_price(&i, "claude-sonnet-4-5", "2026-01-01") - 3.0).abs() < 1e-9);
    // Qwen Flash has only a tiered table: below 256k at the first tier's rate.
    assert!((input_price(&i, "dashscope/qwen-flash", "2026-01-01") - 0.05).abs() < 1e-9);
}

#[test]
fn odd_litellm_entries_are_skipped_and_named_never_priced_at_zero() {
    let i = load("import/litellm-odd-entries.json", Some(Format::Litellm)).unwrap();
    assert!(i.catalogue.get("good-model").is_some());
    assert!(
        i.catalogue.get("free-model").is_some(),
        "an explicit 0 is a price"
    );
    for bad in [
        "string-price",
        "nan-price",
        "negative-price",
        "per-million-in-per-token-field",
        "no-price",
    ] {
        assert!(i.catalogue.get(bad).is_none(), "{bad} was imported");
        assert!(
            i.summary
                .warnings
                .iter()
                .any(|w| w.contains(&format!("\"{bad}\""))),
            "no warning names {bad}: {:?}",
            i.summary.warnings
        );
    }
    let w = i.summary.warnings.join("\n");
    assert!(
        w.contains("field `input_cost_per_token` \"cheap\" is not a number"),
        "{w}"
    );
    assert!(w.contains("prices.input` = 3000000 is out of range"), "{w}");
    assert!(w.contains("must not be negative"), "{w}");
    assert_eq!(i.summary.skipped.get("no per-token price"), Some(&1));
    assert_eq!(i.summary.skipped.get("not an object"), Some(&1));
}

#[test]
fn openrouter_snapshot_imports_with_inclusive_override_tiers() {
    let i = load("openrouter-models-2026-08-01.json", None).unwrap();
    assert_eq!(i.summary.format, Format::Openrouter);
    assert!(i.summary.imported > 300, "{:?}", i.summary);
    assert!(
        i.summary
            .skipped
            .get("variable price")
            .copied()
            .unwrap_or(0)
            >= 1
    );
    let gpt = i.catalogue.get("openai/gpt-5.5").unwrap();
    let q = PriceQuery {
        day: day("2026-08-01"),
        service_tier: STANDARD,
        region: None,
    };
    assert_eq!(gpt.prices(&q, 271_999).unwrap().input, UsdPerMTok(5.0));
    assert_eq!(gpt.prices(&q, 272_000).unwrap().input, UsdPerMTok(10.0));
    let sonnet = i.catalogue.get("anthropic/claude-sonnet-4.6").unwrap();
    let p = sonnet.prices(&q, 0).unwrap();
    assert!((p.cache_write_1h.0 - 6.0).abs() < 1e-9);
    assert!((p.cache_read.0 - 0.3).abs() < 1e-9);
}

#[test]
fn openrouter_duplicates_and_routers_are_skipped_and_free_models_kept() {
    let i = load("import/openrouter-duplicates.json", None).unwrap();
    assert_eq!(i.summary.imported, 2);
    assert_eq!(i.summary.skipped.get("duplicate id"), Some(&1));
    assert_eq!(i.summary.skipped.get("variable price"), Some(&1));
    assert!(
        (input_price(&i, "acme/a", "2026-01-01") - 1.0).abs() < 1e-9,
        "first kept"
    );
    assert_eq!(input_price(&i, "acme/free", "2026-01-01"), 0.0);
}

#[test]
fn llm_prices_vendor_files_keep_history_and_fold_long_context_models() {
    let i = load("llm-prices/anthropic.json", None).unwrap();
    assert_eq!(i.summary.format, Format::LlmPrices);
    assert_eq!(input_price(&i, "claude-sonnet-5", "2026-08-31"), 2.0);
    assert_eq!(input_price(&i, "claude-sonnet-5", "2026-09-01"), 3.0);
    assert!(
        i.catalogue.get("claude-sonnet-4.5-200k").is_none(),
        "folded"
    );
    let sonnet = i.catalogue.get("claude-sonnet-4.5").unwrap();
    let q = PriceQuery {
        day: day("2026-01-01"),
        service_tier: STANDARD,
        region: None,
    };
    assert_eq!(sonnet.prices(&q, 200_001).unwrap().input, UsdPerMTok(6.0));

    let openai = load("llm-prices/openai.json", None).unwrap();
    assert_eq!(input_price(&openai, "gpt-5.6-terra", "2026-07-29"), 2.5);
    assert_eq!(input_price(&openai, "gpt-5.6-terra", "2026-07-30"), 2.0);
    let terra = openai.catalogue.get("gpt-5.6-terra").unwrap();
    let q = PriceQuery {
        day: day("2026-08-01"),
        service_tier: STANDARD,
        region: None,
    };
    assert_eq!(terra.prices(&q, 300_000).unwrap().input, UsdPerMTok(4.0));
}

#[test]
fn llm_prices_current_and_historical_files_import() {
    let current = load("import/llm-prices-current-v1.json", None).unwrap();
    assert_eq!(input_price(&current, "gpt-5.4", "2026-10-01"), 2.5);
    assert!(current.catalogue.get("gpt-5.4-272k").is_none(), "folded");

    let historical = load("import/llm-prices-historical-v1.json", None).unwrap();
    assert_eq!(
        input_price(&historical, "claude-sonnet-5", "2026-08-01"),
        2.0
    );
    assert_eq!(
        input_price(&historical, "claude-sonnet-5", "2026-10-01"),
        3.0
    );
    assert!(historical.catalogue.get("broken-dates").is_none());
    let w = historical.summary.warnings.join("\n");
    assert!(
        w.contains("model \"broken-dates\": field `prices.to` = 2026-08-01 must be after"),
        "{w}"
    );
}

#[test]
fn csv_tables_import_dated_rows_and_reject_bad_rows_by_line_and_column() {
    let i = load("import/prices.csv", None).unwrap();
    assert_eq!(i.summary.format, Format::Csv);
    assert_eq!(input_price(&i, "acme-coder", "2026-09-30"), 4.0);
    assert_eq!(input_price(&i, "acme-coder", "2026-10-01"), 3.0);
    let mini = i
        .catalogue
        .get("acme-mini")
        .unwrap()
        .list_prices_on(day("2026-10-01"))
        .unwrap();
    assert_eq!(
        mini.cache_read,
        UsdPerMTok(0.5),
        "an empty cell is an absent price"
    );
    assert_eq!(mini.reasoning, UsdPerMTok(4.0));

    let cases = [
        (
            "import/prices-negative.csv",
            "model \"bad-model\": field `prices.input` = -1",
        ),
        ("import/prices-not-a-number.csv", "line 2: column 3"),
        ("import/prices-unknown-column.csv", "unknown field `colour`"),
    ];
    for (file, expected) in cases {
        let e = load(file, Some(Format::Csv)).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{file}: not a valid csv price table")),
            "{e}"
        );
        assert!(e.contains(expected), "{e:?} should contain {expected:?}");
    }
}

#[test]
fn whole_file_problems_are_errors_naming_the_file() {
    let cases: [(&str, Option<Format>, &str); 6] = [
        ("", None, "empty.json: the file is empty"),
        ("\n", Some(Format::Litellm), "empty.json: the file is empty"),
        ("[]", None, "empty.json: cannot tell the price-table format"),
        (
            "{\"data\": 5}",
            Some(Format::Openrouter),
            "invalid type: integer `5`",
        ),
        (
            "[1, 2",
            Some(Format::LlmPrices),
            "not a valid llm-prices price table",
        ),
        (
            "{\"only\": {\"mode\": \"embedding\"}}",
            Some(Format::Litellm),
            "no model could be imported from this litellm table (skipped: 1 mode embedding)",
        ),
    ];
    for (text, format, expected) in cases {
        let e = import(text, format, "empty.json", day("2026-01-01"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(expected), "{e:?} should contain {expected:?}");
    }
}

#[test]
fn a_merge_lays_imports_over_the_curated_table_and_lists_what_changed() {
    let imported = load("import/llm-prices-current-v1.json", None).unwrap();
    let builtin = Catalogue::builtin();
    let (merged, changes) = builtin.merged_with(&imported.catalogue, day("2026-10-01"));
    assert_eq!(merged.models().len(), builtin.models().len());
    // Sonnet 5 is the same price on 2026-10-01 except for the cache writes, which llm-prices
    // does not list (so they fall back to the input price).
    let sonnet: Vec<_> = changes
        .iter()
        .filter(|c| c.model == "claude-sonnet-5")
        .collect();
    assert!(sonnet.iter().any(|c| c.field == "cache_write_5m"
        && c.before == Some(UsdPerMTok(3.75))
        && c.after == Some(UsdPerMTok(3.0))));
    assert!(!sonnet.iter().any(|c| c.field == "input"));
    assert!(merged.get("gpt-5.4").unwrap().periods[0]
        .service_tiers
        .is_empty());
    assert!(
        merged.get("claude-opus-4-8").is_some(),
        "untouched models stay"
    );
}
