//! Percentiles across Monte Carlo draws, concentration of spend, and the standard normal
//! distribution.

use serde::{Deserialize, Serialize};

/// The 10th, 50th and 90th percentiles of a quantity across draws. A value that is not available
/// in a draw (for example the incremental cost per change when there is no increment) counts as
/// +∞; a percentile that lands on it is `None` (`null` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Percentiles {
    /// 10th percentile.
    pub p10: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
    /// Mean across draws; `None` when a draw's value is not available. Unlike the median it
    /// adds up: the means of the parts sum to the mean of the whole, so exports of line items
    /// use it and reconcile with the mean total shown.
    #[serde(default)]
    pub mean: Option<f64>,
}

impl Percentiles {
    /// Percentiles of `values` (NaN replaced by +∞ in place), by linear interpolation between
    /// order statistics (NumPy's default), found by selection ([`quantiles_selected`]). NaN and
    /// +∞ count as "not available" and sort last.
    pub fn of(values: &mut [f64]) -> Percentiles {
        if values.is_empty() {
            return Percentiles::default();
        }
        for v in values.iter_mut() {
            if v.is_nan() {
                *v = f64::INFINITY;
            }
        }
        let sum: f64 = values.iter().sum();
        let mean = sum.is_finite().then(|| sum / values.len() as f64);
        let mut q = Vec::with_capacity(3);
        quantiles_selected(values, &[0.1, 0.5, 0.9], &mut q);
        let at = |v: f64| v.is_finite().then_some(v);
        Percentiles {
            p10: at(q[0]),
            p50: at(q[1]),
            p90: at(q[2]),
            mean,
        }
    }

    /// The median, or 0 when not available (for display).
    pub(crate) fn median_or_zero(&self) -> f64 {
        self.p50.unwrap_or(0.0)
    }
}

/// Where the `q` quantile of `n ≥ 2` ascending values lies: between order statistics `lo` and
/// `hi` (0-based), at `frac` of the way.
pub(crate) fn quantile_position(n: usize, q: f64) -> (usize, usize, f64) {
    let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
    let lo = pos.floor() as usize;
    (lo, (lo + 1).min(n - 1), pos - lo as f64)
}

/// The value `frac` of the way from order statistic `lo` to order statistic `hi`.
pub(crate) fn interpolate(lo: f64, hi: f64, frac: f64) -> f64 {
    if frac == 0.0 || lo == hi {
        lo
    } else {
        lo + (hi - lo) * frac
    }
}

/// The `qs` quantiles of `values`, exactly as interpolating between the sorted values would
/// give them, found by selecting only the order statistics they need (O(n) per quantile
/// instead of a sort) among integer keys that order as [`f64::total_cmp`] does ([`order_key`]:
/// one integer comparison each instead of two conversions; the default run's report about
/// 15 % faster). `out` receives one quantile per `q`.
pub(crate) fn quantiles_selected(values: &[f64], qs: &[f64], out: &mut Vec<f64>) {
    let mut keys: Vec<i64> = values.iter().map(|&v| order_key(v)).collect();
    quantiles_of_keys(&mut keys, qs, out);
}

/// [`quantiles_selected`] of the values whose [`order_key`]s are `keys` (reordered), for a
/// caller that reuses the keys' buffer.
pub(crate) fn quantiles_of_keys(keys: &mut [i64], qs: &[f64], out: &mut Vec<f64>) {
    out.clear();
    let n = keys.len();
    if n < 2 {
        let only = keys.first().map_or(f64::NAN, |&k| from_order_key(k));
        out.extend(qs.iter().map(|_| only));
        return;
    }
    let mut needed: Vec<usize> = qs
        .iter()
        .flat_map(|&q| {
            let (lo, hi, _) = quantile_position(n, q);
            [lo, hi]
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    // Each selection leaves only larger values to its right, where the next one looks.
    let mut start = 0;
    for &k in &needed {
        keys[start..].select_nth_unstable(k - start);
        start = k + 1;
    }
    out.extend(qs.iter().map(|&q| {
        let (lo, hi, frac) = quantile_position(n, q);
        interpolate(from_order_key(keys[lo]), from_order_key(keys[hi]), frac)
    }));
}

/// `v` as an integer that orders as [`f64::total_cmp`] orders `v`.
pub(crate) fn order_key(v: f64) -> i64 {
    let bits = v.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// The value whose [`order_key`] is `key`.
fn from_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ ((((key >> 63) as u64) >> 1) as i64)) as u64)
}

/// Share of the total held by the largest 10% of `values` (at least one value), in O(n).
/// Reorders `values`.
pub(crate) fn top_decile_share(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let total: f64 = values.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let top = n.div_ceil(10);
    if top == n {
        return 1.0;
    }
    // The `top` largest values are the pivot at n − top and everything above it.
    let (_, pivot, upper) = values.select_nth_unstable_by(n - top, f64::total_cmp);
    let top_sum = *pivot + upper.iter().sum::<f64>();
    (top_sum / total).clamp(0.0, 1.0)
}

/// The Lorenz curve at deciles: the share of the total held by the lowest 10%, 20%, …, 100% of
/// `values`. Sorts `values`.
pub(crate) fn lorenz_deciles(values: &mut [f64]) -> [f64; 10] {
    let mut out = [0.0; 10];
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 {
        return out;
    }
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    let mut running = 0.0;
    let mut next = 0;
    for (k, slot) in out.iter_mut().enumerate() {
        let upto = (n * (k + 1)).div_ceil(10).min(n);
        while next < upto {
            running += values[next];
            next += 1;
        }
        *slot = (running / total).clamp(0.0, 1.0);
    }
    out
}

/// Standard normal CDF Φ.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Inverse of the standard normal CDF (Acklam's rational approximation, relative error below
/// 1.2e-9), for prior quantiles.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * libm::log(p)).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * libm::log(1.0 - p)).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `q` quantile of ascending `sorted` values, interpolating linearly: the definition
    /// the selections are held to.
    fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
        match sorted.len() {
            0 => f64::NAN,
            1 => sorted[0],
            n => {
                let (lo, hi, frac) = quantile_position(n, q);
                interpolate(sorted[lo], sorted[hi], frac)
            }
        }
    }

    #[test]
    fn selected_quantiles_are_the_sorted_ones_bit_for_bit() {
        let qs = [0.25, 0.5, 0.0, 0.75, 0.9, 0.95, 0.99, 1.0, 0.5];
        for n in [1usize, 2, 3, 10, 101, 1000] {
            let values: Vec<f64> = (0..n)
                .map(|i| ((i * 7919 % 613) as f64 * 0.37).sin() * 100.0 + (i % 5) as f64)
                .collect();
            let mut sorted = values.clone();
            sorted.sort_unstable_by(f64::total_cmp);
            let mut out = Vec::new();
            quantiles_selected(&values, &qs, &mut out);
            let want: Vec<f64> = qs.iter().map(|&q| quantile_sorted(&sorted, q)).collect();
            assert_eq!(
                out.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                want.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                "n = {n}"
            );
        }
    }

    /// Properties (proptest, native only).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn order_keys_order_as_total_cmp_and_give_back_every_bit(a: u64, b: u64) {
                let (x, y) = (f64::from_bits(a), f64::from_bits(b));
                prop_assert_eq!(order_key(x).cmp(&order_key(y)), x.total_cmp(&y));
                prop_assert_eq!(from_order_key(order_key(x)).to_bits(), a);
            }

            #[test]
            fn percentiles_by_selection_are_the_sorted_ones_bit_for_bit(
                values in prop::collection::vec(prop_oneof![
                    4 => -1e6..1e6f64,
                    1 => Just(0.0),
                    1 => Just(-0.0),
                    1 => Just(f64::NAN),
                    1 => Just(f64::INFINITY),
                    1 => Just(f64::NEG_INFINITY),
                    1 => Just(7.0),
                ], 0..300),
            ) {
                let mut sorted: Vec<f64> =
                    values.iter().map(|&v| if v.is_nan() { f64::INFINITY } else { v }).collect();
                sorted.sort_unstable_by(f64::total_cmp);
                // NaN (no values) or ±∞ is "not available".
                let at = |q: f64| {
                    let v = quantile_sorted(&sorted, q);
                    v.is_finite().then_some(v).map(f64::to_bits)
                };
                let p = Percentiles::of(&mut values.clone());
                prop_assert_eq!(p.p10.map(f64::to_bits), at(0.1));
                prop_assert_eq!(p.p50.map(f64::to_bits), at(0.5));
                prop_assert_eq!(p.p90.map(f64::to_bits), at(0.9));
            }
        }
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let mut v: Vec<f64> = (1..=11).map(f64::from).collect();
        let p = Percentiles::of(&mut v);
        assert_eq!((p.p10, p.p50, p.p90), (Some(2.0), Some(6.0), Some(10.0)));
        assert_eq!(p.mean, Some(6.0));
        let mut skewed = vec![1.0, 1.0, 10.0];
        assert_eq!(Percentiles::of(&mut skewed).mean, Some(4.0));
        let mut v = vec![1.0, 2.0, 3.0, 4.0];
        let p = Percentiles::of(&mut v);
        assert!((p.p10.unwrap() - 1.3).abs() < 1e-12);
        assert!((p.p50.unwrap() - 2.5).abs() < 1e-12);
    }

    #[test]
    fn unavailable_values_sort_last_and_surface_as_none() {
        let mut v = vec![1.0, f64::NAN, f64::INFINITY, 2.0, f64::INFINITY];
        let p = Percentiles::of(&mut v);
        assert_eq!(p.p10, Some(1.4));
        assert_eq!(p.p50, None);
        assert_eq!(p.p90, None);
        assert_eq!(p.mean, None);
    }

    #[test]
    fn lorenz_deciles_of_equal_values_are_the_diagonal() {
        let l = lorenz_deciles(&mut vec![3.0; 50]);
        for (k, share) in l.iter().enumerate() {
            assert!((share - (k + 1) as f64 / 10.0).abs() < 1e-12);
        }
        let mut skewed: Vec<f64> = (1..=100).map(|i| f64::from(i * i)).collect();
        let l = lorenz_deciles(&mut skewed);
        let top = 1.0 - l[8];
        assert!((top - top_decile_share(&mut skewed)).abs() < 1e-12);
        assert_eq!(l[9], 1.0);
    }

    #[test]
    fn top_decile_share_matches_a_sort() {
        let mut v: Vec<f64> = (1..=100).map(|i| f64::from(i * i)).collect();
        let total: f64 = v.iter().sum();
        let top: f64 = (91..=100).map(|i| f64::from(i * i)).sum();
        assert!((top_decile_share(&mut v) - top / total).abs() < 1e-12);
        assert_eq!(top_decile_share(&mut [5.0]), 1.0);
        assert_eq!(top_decile_share(&mut [0.0, 0.0]), 0.0);
        let mut equal = vec![2.0; 20];
        assert!((top_decile_share(&mut equal) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn the_normal_quantile_inverts_the_cdf() {
        for p in [1e-6, 0.01, 0.1, 0.5, 0.9, 0.975, 0.999_99] {
            assert!(
                (normal_cdf(normal_quantile(p)) - p).abs() < 1e-8 * p.max(1e-3),
                "{p}"
            );
        }
        assert!((normal_quantile(0.9) - 1.281_551_565_5).abs() < 1e-8);
    }
}
