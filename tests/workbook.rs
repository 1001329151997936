//! The .xlsx workbook opens with a spreadsheet reader (calamine): its sheets are Summary,
//! Monthly and Assumptions, and its cells hold the report's figures.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::scenario::Scenario;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use std::io::Cursor;

#[test]
fn the_workbook_opens_with_a_reader_and_holds_the_reports_figures() {
    let mut s = Scenario::default();
    s.months = 12;
    s.scale_developers(100);
    s.uncertainty.draws = 10;
    s.budget.annual_usd = Some(40_000.0);
    let v = s.validate(&Catalogue::builtin()).unwrap();
    let r = Report::simulate(&v);
    let bytes = burnrate::spreadsheet::workbook(&v, &r);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx workbook");
    assert_eq!(book.sheet_names(), ["Summary", "Monthly", "Assumptions"]);

    let monthly = book.worksheet_range("Monthly").unwrap();
    assert_eq!(monthly.height(), 13);
    assert_eq!(
        monthly.get_value((0, 2)),
        Some(&Data::String(format!("{} P50", r.policies[0].name)))
    );
    assert_eq!(
        monthly.get_value((1, 2)),
        Some(&Data::Float(
            r.policies[0].months[0].figures.spend_usd.p50.unwrap()
        ))
    );

    let summary = book.worksheet_range("Summary").unwrap();
    let risk = summary
        .rows()
        .find(|row| row[1] == Data::String("Budget runs out (month)".into()))
        .expect("a budget row");
    assert_eq!(
        risk[6],
        Data::Float(
            r.policies[0]
                .summary
                .finance
                .budget_period
                .as_ref()
                .and_then(|b| b.over_budget_probability)
                .unwrap()
        )
    );

    let assumptions = book.worksheet_range("Assumptions").unwrap();
    let developers = assumptions
        .rows()
        .find(|row| row[0] == Data::String("Developers".into()))
        .expect("a headcount row");
    assert_eq!(developers[1], Data::Float(100.0));
}
