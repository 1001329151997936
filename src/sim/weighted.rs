//! Concentration and ranks of a weighted sample of developers, each standing for `weight`
//! developers of the organisation (a large organisation's sample, [`crate::population`]).
//! With every weight 1 the unweighted functions of [`crate::stats`] apply instead: these are
//! only used for samples.

/// `(value, weight)` pairs sorted by ascending value.
fn sorted(values: &[f64], weights: &[f64]) -> Vec<(f64, f64)> {
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .zip(weights.iter().copied())
        .collect();
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    pairs
}

/// Share of the weighted total held by the largest 10% of the represented developers (the
/// developer straddling the 10% counted in part).
pub(crate) fn top_decile_share(values: &[f64], weights: &[f64]) -> f64 {
    let pairs = sorted(values, weights);
    let total: f64 = pairs.iter().map(|(v, w)| v * w).sum();
    let people: f64 = pairs.iter().map(|(_, w)| w).sum();
    if pairs.is_empty() || total <= 0.0 {
        return 0.0;
    }
    let mut left = people / 10.0;
    let mut top = 0.0;
    for &(v, w) in pairs.iter().rev() {
        let take = w.min(left);
        top += v * take;
        left -= take;
        if left <= 0.0 {
            break;
        }
    }
    (top / total).clamp(0.0, 1.0)
}

/// The Lorenz curve at deciles of the represented developers: the share of the weighted total
/// held by the lowest 10%, 20%, …, 100%.
pub(crate) fn lorenz_deciles(values: &[f64], weights: &[f64]) -> [f64; 10] {
    let mut out = [0.0; 10];
    let pairs = sorted(values, weights);
    let total: f64 = pairs.iter().map(|(v, w)| v * w).sum();
    let people: f64 = pairs.iter().map(|(_, w)| w).sum();
    if pairs.is_empty() || total <= 0.0 {
        return out;
    }
    let (mut running, mut counted, mut next) = (0.0, 0.0, 0);
    for (k, slot) in out.iter_mut().enumerate() {
        let upto = people * (k + 1) as f64 / 10.0;
        while next < pairs.len() && counted + pairs[next].1 <= upto {
            running += pairs[next].0 * pairs[next].1;
            counted += pairs[next].1;
            next += 1;
        }
        let part = pairs
            .get(next)
            .map_or(0.0, |&(v, _)| v * (upto - counted).max(0.0));
        let held = if k == 9 { total } else { running + part };
        *slot = (held / total).clamp(0.0, 1.0);
    }
    out
}

/// The `qs` quantiles of values `pairs` (`(value, weight)`, reordered): for each `q`, the
/// smallest value at which the cumulative weight reaches `q` of the total.
pub(crate) fn quantiles(pairs: &mut [(f64, f64)], qs: &[f64]) -> Vec<f64> {
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    qs.iter()
        .map(|&q| {
            let goal = q.clamp(0.0, 1.0) * total;
            let mut cumulative = 0.0;
            for &(v, w) in pairs.iter() {
                cumulative += w;
                if cumulative >= goal {
                    return v;
                }
            }
            pairs.last().map_or(f64::NAN, |p| p.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weight_counts_like_that_many_copies() {
        let values = [1.0, 2.0, 3.0, 10.0];
        let weights = [9.0, 9.0, 9.0, 3.0];
        let mut copies = Vec::new();
        for (v, w) in values.iter().zip(weights) {
            copies.extend(std::iter::repeat_n(*v, w as usize));
        }
        let share = top_decile_share(&values, &weights);
        let want = crate::stats::top_decile_share(&mut copies.clone());
        assert!((share - want).abs() < 1e-12, "{share} vs {want}");
        let lorenz = lorenz_deciles(&values, &weights);
        let want = crate::stats::lorenz_deciles(&mut copies.clone());
        for (a, b) in lorenz.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{lorenz:?} vs {want:?}");
        }
        let mut pairs: Vec<(f64, f64)> = values.iter().copied().zip(weights).collect();
        assert_eq!(
            quantiles(&mut pairs, &[0.0, 0.3, 0.5, 0.95]),
            [1.0, 1.0, 2.0, 10.0]
        );
    }
}
