//! Component tests in a real headless browser (wasm-bindgen-test): the app's components render
//! the core's report, draw a crisp non-blank chart, and survive a missing served price table.
#![cfg(target_arch = "wasm32")]

mod common;

use burnrate::report::Report;
use burnrate::view::{ChartData, ChartKind, Comparison, Shared};
use burnrate::web::{App, Chart, SummaryTable};
use gloo::timers::future::TimeoutFuture;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    div.set_attribute("style", "width: 800px").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn report() -> Rc<Report> {
    Rc::new(common::default_report())
}

/// Waits (bounded) for the page to satisfy `done`, letting tasks and fetches run in between.
async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..600 {
        yew::scheduler::flush().await;
        if done() {
            return;
        }
        TimeoutFuture::new(25).await;
    }
    panic!(
        "timed out waiting for {what}; page: {}",
        gloo::utils::document()
            .document_element()
            .unwrap()
            .outer_html()
    );
}

#[wasm_bindgen_test]
async fn summary_compares_policies_with_separators_and_has_the_monthly_table() {
    let root = mount_point();
    let r = report();
    yew::Renderer::<SummaryTable>::with_root_and_props(
        root.clone(),
        burnrate::web::SummaryProps {
            comparison: Shared::new(Comparison::of(&r)),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let total = root
        .query_selector("[data-testid=total-spend-0]")
        .unwrap()
        .expect("total spend is shown")
        .text_content()
        .unwrap();
    let median = r.policies[0].summary.total_spend_usd.p50.unwrap();
    assert_eq!(total, burnrate::units::format_usd(median, 0));
    assert!(total.starts_with('$') && total.contains(','), "{total}");
    let rows = || {
        root.query_selector_all("[data-testid=monthly-table] tbody tr")
            .unwrap()
            .length() as usize
    };
    assert_eq!(rows(), 0, "the table of the chart waits until it is opened");
    root.query_selector(".summary details > summary")
        .unwrap()
        .expect("the table of the chart has a summary")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    wait_until("the table of the chart, opened", || rows() > 0).await;
    assert_eq!(rows(), r.policies[0].months.len());
    let headers = root
        .query_selector_all("[data-testid=summary] thead th")
        .unwrap();
    assert_eq!(headers.length() as usize, r.policies.len() + 1);
}

#[wasm_bindgen_test]
async fn chart_canvas_is_sized_for_the_device_pixel_ratio_and_not_blank() {
    let root = mount_point();
    yew::Renderer::<Chart>::with_root_and_props(
        root.clone(),
        burnrate::web::ChartProps {
            data: Shared::new(ChartData::of(ChartKind::MonthlySpend, &report(), 0, None)),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let dpr = gloo::utils::window().device_pixel_ratio();
    let css_width = canvas.client_width().max(320) as f64;
    assert_eq!(canvas.width(), (css_width * dpr).round() as u32);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = ctx
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    let coloured = pixels
        .chunks_exact(4)
        .filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200))
        .count();
    assert!(coloured > 1000, "only {coloured} non-white pixels");
}

#[wasm_bindgen_test]
async fn app_falls_back_to_built_in_prices_when_the_served_table_is_missing() {
    let root = mount_point();
    let props = burnrate::web::AppProps {
        pricing_url: "pricing-data/no-such-table.json".into(),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    wait_until("the pricing notice", || {
        root.query_selector("[data-testid=pricing-notice]")
            .unwrap()
            .is_some()
    })
    .await;
    let notice = root
        .query_selector("[data-testid=pricing-notice]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(notice.contains("built-in price table"), "{notice}");
    assert!(notice.contains("no-such-table.json: HTTP 404"), "{notice}");
    // The Monte Carlo runs in chunks after the first render: wait for its results.
    wait_until("the results", || {
        root.query_selector("[data-testid=total-spend-0]")
            .unwrap()
            .is_some()
    })
    .await;
    let total = root
        .query_selector("[data-testid=total-spend-0]")
        .unwrap()
        .expect("results still shown")
        .text_content()
        .unwrap();
    assert!(total.starts_with('$') && total != "$0", "{total}");
}

#[wasm_bindgen_test]
fn simulation_is_bit_identical_to_the_native_build() {
    assert_eq!(
        common::fingerprint(&common::default_report()),
        common::DEFAULT_FINGERPRINT
    );
}

#[wasm_bindgen_test]
fn a_fatal_error_is_shown_as_a_readable_banner() {
    burnrate::web::show_fatal("Burnrate stopped because of an internal error: test.");
    let banner = gloo::utils::document()
        .get_element_by_id("fatal")
        .expect("the banner is created when the page has none");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(!banner.has_attribute("hidden"));
    assert_eq!(
        banner.text_content().as_deref(),
        Some("Burnrate stopped because of an internal error: test.")
    );
}

/// One call on a generator: 0 `next_u32`, 1 `next_u64`, 2 `fill_bytes` of `len` bytes.
fn call(r: &mut impl rand::RngCore, kind: u64, len: usize) -> Vec<u8> {
    match kind {
        0 => r.next_u32().to_le_bytes().to_vec(),
        1 => r.next_u64().to_le_bytes().to_vec(),
        _ => {
            let mut b = vec![0; len];
            r.fill_bytes(&mut b);
            b
        }
    }
}

#[wasm_bindgen_test]
fn the_page_s_random_streams_are_rand_chachas_call_for_call() {
    use rand::{RngCore, SeedableRng};
    // Seeds, streams (the engine's: parameters, populations, propensities, months) and a mix
    // of calls that crosses the 64-word buffer at every offset, a `next_u64` straddling it.
    let streams = [
        0,
        1,
        200,
        (1 << 40) + 7,
        (1 << 32) + 5 * 4096 + 23,
        u64::MAX,
    ];
    let mut pattern = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    for seed in [0, 5, 100, u64::MAX] {
        for stream in streams {
            let mut ours = burnrate::streams::stream(seed, stream);
            let mut theirs = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            theirs.set_stream(stream);
            for n in 0..600 {
                let kind = pattern.next_u64() % 3;
                let len = (pattern.next_u32() % 300) as usize;
                let (a, b) = (call(&mut ours, kind, len), call(&mut theirs, kind, len));
                assert_eq!(a, b, "seed {seed}, stream {stream}, call {n}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn the_tools_module_answers_a_request_it_cannot_read() {
    use burnrate::runner::FromWorker;
    use std::cell::RefCell;
    let unreadable = [
        wasm_bindgen::JsValue::from_str("not a request"),
        js_sys::Array::of1(&js_sys::Uint8Array::from(&[250u8, 1, 2][..])).into(),
        js_sys::Array::new().into(),
    ];
    for message in unreadable {
        let replies = RefCell::new(Vec::new());
        burnrate::web::tools::serve_message(&message, &|reply| {
            replies.borrow_mut().push(reply.clone())
        });
        assert_eq!(replies.into_inner(), vec![FromWorker::NotUnderstood]);
    }
}
