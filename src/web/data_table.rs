//! The numbers behind a chart or a curve ([`Table`]) as an HTML table: a header per column and
//! each row named by its first cell, so a screen reader announces both with every number.

use crate::view::Table;
use yew::prelude::*;

/// `table` as a `<table>` with `data-testid` `testid` and `caption`, if any; row `marked`, if
/// any, has the class `answer`.
pub fn data_table(
    table: &Table,
    testid: &'static str,
    caption: Option<&'static str>,
    marked: Option<usize>,
) -> Html {
    html! {
        <table class="data" data-testid={testid}>
            if let Some(caption) = caption {
                <caption>{ caption }</caption>
            }
            <thead><tr>
                { for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
            </tr></thead>
            <tbody>
                { for table.rows.iter().enumerate().map(|(i, row)| html! {
                    <tr class={classes!((Some(i) == marked).then_some("answer"))}>
                        { for row.iter().enumerate().map(|(j, cell)| if j == 0 {
                            html! { <th scope="row">{ cell }</th> }
                        } else {
                            html! { <td>{ cell }</td> }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
