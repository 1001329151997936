//! The check every simulated report must pass, made as the report is serialised: every figure
//! finite (a figure is only `null` where [`MAY_BE_NULL`] allows), every share in [0, 1], and
//! P10 ≤ P50 ≤ P90. A serde serializer that builds nothing: a report of 24 months and three
//! policy sets holds thousands of figures, and building its JSON tree to walk it cost three
//! quarters of the `simulate_small` target's time.

use serde::ser::{self, Serialize};
use std::fmt;

/// Keys of the report's shares: fractions in [0, 1] (with every key ending in `_probability`).
const SHARES: [&str; 9] = [
    "adopted_share",
    "gamer_share",
    "capped_user_share",
    "waste_share",
    "top10_share",
    "final_top10_share",
    "final_adopted_share",
    "final_lorenz",
    "budget_exhaustion_probability",
];

/// Keys under which a figure may be not available (`null`): the incremental cost per change
/// when there is no increment, the budget's month and amount when there is none, the month a
/// budget threshold is reached (a threshold, a cost centre's budget, the reforecast) when it is
/// not, and an observed month's forecast error when nothing was forecast.
const MAY_BE_NULL: [&str; 6] = [
    "incremental_cost_per_useful_change_usd",
    "budget_exhaustion_month",
    "annual_budget_usd",
    "month",
    "exhaustion_month",
    "error_share",
];

/// Checks every figure of `value` as serialised; the error names the first wrong figure by its
/// path (`.policies[1].summary.total_spend_usd.p50: NaN`).
pub fn check<T: Serialize>(value: &T) -> Result<(), Wrong> {
    value
        .serialize(Figure {
            share: false,
            nullable: false,
        })
        .map(drop)
}

/// What is wrong with a figure, and where. The path is built on the way out, so a report that
/// passes costs no text.
#[derive(Debug)]
pub struct Wrong {
    /// The path's parts, innermost first.
    path: Vec<String>,
    what: String,
}

impl Wrong {
    fn new(what: impl fmt::Display) -> Wrong {
        Wrong {
            path: Vec::new(),
            what: what.to_string(),
        }
    }

    fn under(mut self, part: fmt::Arguments<'_>) -> Wrong {
        self.path.push(part.to_string());
        self
    }
}

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in self.path.iter().rev() {
            f.write_str(part)?;
        }
        write!(f, ": {}", self.what)
    }
}

impl std::error::Error for Wrong {}

impl ser::Error for Wrong {
    fn custom<T: fmt::Display>(msg: T) -> Wrong {
        Wrong::new(msg)
    }
}

/// How the figures below a key are checked. Serialising a value gives the number it is, if it
/// is one, so that a struct can compare its `p10`, `p50` and `p90`.
#[derive(Clone, Copy)]
struct Figure {
    share: bool,
    nullable: bool,
}

impl Figure {
    fn under(self, key: &str) -> Figure {
        Figure {
            share: self.share || SHARES.contains(&key) || key.ends_with("_probability"),
            nullable: self.nullable || MAY_BE_NULL.contains(&key),
        }
    }

    fn number(self, x: f64) -> Result<Option<f64>, Wrong> {
        if !x.is_finite() {
            Err(Wrong::new(x))
        } else if self.share && !(0.0..=1.0).contains(&x) {
            Err(Wrong::new(format_args!("{x}, not a share")))
        } else {
            Ok(Some(x))
        }
    }

    fn field<T: Serialize + ?Sized>(self, key: &str, value: &T) -> Result<Option<f64>, Wrong> {
        value
            .serialize(self.under(key))
            .map_err(|e| e.under(format_args!(".{key}")))
    }
}

/// A sequence's items, a map's entries or a struct's fields, checked one by one.
struct Items {
    figure: Figure,
    index: usize,
    key: Option<String>,
    tiers: [Option<f64>; 3],
}

impl Items {
    fn new(figure: Figure) -> Items {
        Items {
            figure,
            index: 0,
            key: None,
            tiers: [None; 3],
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Wrong> {
        let i = self.index;
        self.index += 1;
        value
            .serialize(self.figure)
            .map(drop)
            .map_err(|e| e.under(format_args!("[{i}]")))
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Wrong> {
        let x = self.figure.field(key, value)?;
        if let Some(tier) = ["p10", "p50", "p90"].iter().position(|p| *p == key) {
            self.tiers[tier] = x;
        }
        Ok(())
    }

    fn end(self) -> Result<Option<f64>, Wrong> {
        match self.tiers {
            [Some(p10), Some(p50), Some(p90)] if !(p10 <= p50 && p50 <= p90) => Err(Wrong::new(
                format_args!("P10, P50, P90 = {p10}, {p50}, {p90}"),
            )),
            _ => Ok(None),
        }
    }
}

/// A map key, as text.
struct Key;

impl ser::Serializer for Key {
    type Ok = String;
    type Error = Wrong;
    type SerializeSeq = ser::Impossible<String, Wrong>;
    type SerializeTuple = ser::Impossible<String, Wrong>;
    type SerializeTupleStruct = ser::Impossible<String, Wrong>;
    type SerializeTupleVariant = ser::Impossible<String, Wrong>;
    type SerializeMap = ser::Impossible<String, Wrong>;
    type SerializeStruct = ser::Impossible<String, Wrong>;
    type SerializeStructVariant = ser::Impossible<String, Wrong>;

    fn serialize_str(self, v: &str) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_bool(self, v: bool) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(self, _: &str, _: u32, v: &str) -> Result<String, Wrong> {
        Ok(v.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &str,
        value: &T,
    ) -> Result<String, Wrong> {
        value.serialize(self)
    }
    fn serialize_i8(self, v: i8) -> Result<String, Wrong> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Wrong> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Wrong> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Wrong> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Wrong> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Wrong> {
        self.serialize_u64(v.into())
    }
    fn serialize_f32(self, v: f32) -> Result<String, Wrong> {
        self.serialize_f64(v.into())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Wrong> {
        Err(Wrong::new("bytes as a map key"))
    }
    fn serialize_none(self) -> Result<String, Wrong> {
        Err(Wrong::new("no map key"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Wrong> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Wrong> {
        Err(Wrong::new("() as a map key"))
    }
    fn serialize_unit_struct(self, name: &str) -> Result<String, Wrong> {
        Ok(name.to_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &str,
        _: u32,
        _: &str,
        _: &T,
    ) -> Result<String, Wrong> {
        Err(Wrong::new("a variant as a map key"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Wrong> {
        Err(Wrong::new("a sequence as a map key"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Wrong> {
        Err(Wrong::new("a tuple as a map key"))
    }
    fn serialize_tuple_struct(
        self,
        _: &str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Wrong> {
        Err(Wrong::new("a tuple as a map key"))
    }
    fn serialize_tuple_variant(
        self,
        _: &str,
        _: u32,
        _: &str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Wrong> {
        Err(Wrong::new("a variant as a map key"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Wrong> {
        Err(Wrong::new("a map as a map key"))
    }
    fn serialize_struct(self, _: &str, _: usize) -> Result<Self::SerializeStruct, Wrong> {
        Err(Wrong::new("a struct as a map key"))
    }
    fn serialize_struct_variant(
        self,
        _: &str,
        _: u32,
        _: &str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Wrong> {
        Err(Wrong::new("a variant as a map key"))
    }
}

impl ser::Serializer for Figure {
    type Ok = Option<f64>;
    type Error = Wrong;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Items;
    type SerializeStruct = Items;
    type SerializeStructVariant = Items;

    fn serialize_f64(self, v: f64) -> Result<Option<f64>, Wrong> {
        self.number(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Option<f64>, Wrong> {
        self.number(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Option<f64>, Wrong> {
        self.number(v as f64)
    }
    fn serialize_u64(self, v: u64) -> Result<Option<f64>, Wrong> {
        self.number(v as f64)
    }
    fn serialize_i8(self, v: i8) -> Result<Option<f64>, Wrong> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Option<f64>, Wrong> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Option<f64>, Wrong> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<Option<f64>, Wrong> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Option<f64>, Wrong> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Option<f64>, Wrong> {
        self.serialize_u64(v.into())
    }
    fn serialize_none(self) -> Result<Option<f64>, Wrong> {
        if self.nullable {
            Ok(None)
        } else {
            Err(Wrong::new("not available"))
        }
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<f64>, Wrong> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &str,
        value: &T,
    ) -> Result<Option<f64>, Wrong> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &str,
        _: u32,
        variant: &str,
        value: &T,
    ) -> Result<Option<f64>, Wrong> {
        self.field(variant, value).map(|_| None)
    }
    fn serialize_bool(self, _: bool) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_char(self, _: char) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_str(self, _: &str) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_unit(self) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &str) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_unit_variant(self, _: &str, _: u32, _: &str) -> Result<Option<f64>, Wrong> {
        Ok(None)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items, Wrong> {
        Ok(Items::new(self))
    }
    fn serialize_tuple(self, _: usize) -> Result<Items, Wrong> {
        Ok(Items::new(self))
    }
    fn serialize_tuple_struct(self, _: &str, _: usize) -> Result<Items, Wrong> {
        Ok(Items::new(self))
    }
    fn serialize_tuple_variant(
        self,
        _: &str,
        _: u32,
        variant: &str,
        _: usize,
    ) -> Result<Items, Wrong> {
        Ok(Items::new(self.under(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Items, Wrong> {
        Ok(Items::new(self))
    }
    fn serialize_struct(self, _: &str, _: usize) -> Result<Items, Wrong> {
        Ok(Items::new(self))
    }
    fn serialize_struct_variant(
        self,
        _: &str,
        _: u32,
        variant: &str,
        _: usize,
    ) -> Result<Items, Wrong> {
        Ok(Items::new(self.under(variant)))
    }
}

/// The compound serializers whose items have no names: each item checked in turn.
macro_rules! positional {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Items {
            type Ok = Option<f64>;
            type Error = Wrong;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Wrong> {
                self.item(value)
            }
            fn end(self) -> Result<Option<f64>, Wrong> {
                Items::end(self)
            }
        }
    )*};
}

positional!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Items {
    type Ok = Option<f64>;
    type Error = Wrong;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Wrong> {
        self.key = Some(key.serialize(Key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Wrong> {
        let key = self.key.take().unwrap_or_default();
        self.field(&key, value)
    }
    fn end(self) -> Result<Option<f64>, Wrong> {
        Items::end(self)
    }
}

/// The compound serializers of named fields: each field checked under its name.
macro_rules! named {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Items {
            type Ok = Option<f64>;
            type Error = Wrong;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Wrong> {
                self.field(key, value)
            }
            fn end(self) -> Result<Option<f64>, Wrong> {
                Items::end(self)
            }
        }
    )*};
}

named!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Tiers {
        p10: Option<f64>,
        p50: Option<f64>,
        p90: Option<f64>,
    }

    #[derive(serde::Serialize)]
    struct Report {
        months: Vec<BTreeMap<String, Tiers>>,
        waste_share: f64,
        month: Option<f64>,
    }

    fn report(p50: f64, waste: f64) -> Report {
        let tiers = Tiers {
            p10: Some(1.0),
            p50: Some(p50),
            p90: Some(3.0),
        };
        Report {
            months: vec![BTreeMap::from([("spend".to_string(), tiers)])],
            waste_share: waste,
            month: None,
        }
    }

    #[test]
    fn a_sound_report_passes_and_each_fault_is_named_by_its_path() {
        assert!(check(&report(2.0, 0.5)).is_ok());
        let wrong = |r: Report| check(&r).expect_err("wrong").to_string();
        assert_eq!(wrong(report(f64::NAN, 0.5)), ".months[0].spend.p50: NaN");
        assert_eq!(
            wrong(report(4.0, 0.5)),
            ".months[0].spend: P10, P50, P90 = 1, 4, 3"
        );
        assert_eq!(wrong(report(2.0, 1.5)), ".waste_share: 1.5, not a share");
        let mut unavailable = report(2.0, 0.5);
        unavailable.months[0].get_mut("spend").expect("spend").p90 = None;
        assert_eq!(wrong(unavailable), ".months[0].spend.p90: not available");
    }
}
