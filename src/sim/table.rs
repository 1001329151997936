//! A table of months × groups: one row per month and cost centre, then one for the whole
//! organisation. Row `t·(cost centres + 1) + group` of the flat layout, in one place.

/// Rows of type `R`, one per month and group; the last group of each month is the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<R> {
    centres: usize,
    rows: Vec<R>,
}

impl<R: Clone> Table<R> {
    /// A table of `months` months for `centres` cost centres (plus the organisation), every row
    /// `fill`.
    pub fn new(months: usize, centres: usize, fill: R) -> Table<R> {
        Table {
            centres,
            rows: vec![fill; months * (centres + 1)],
        }
    }
}

impl<R> Table<R> {
    /// The table of `centres` cost centres whose flat rows are `rows`, month by month; `None`
    /// unless `rows` holds whole months.
    pub(crate) fn from_rows(centres: usize, rows: Vec<R>) -> Option<Table<R>> {
        let width = centres.checked_add(1)?;
        rows.len()
            .is_multiple_of(width)
            .then_some(Table { centres, rows })
    }

    /// Every row, month by month (each month's cost centres, then the organisation).
    pub(crate) fn rows(&self) -> &[R] {
        &self.rows
    }

    /// Number of months.
    pub fn months(&self) -> usize {
        self.rows.len() / (self.centres + 1)
    }

    /// Number of cost centres (the organisation not counted).
    pub fn centres(&self) -> usize {
        self.centres
    }

    /// The row of month `t` and group `group`: a cost-centre index, or [`Table::centres`] for
    /// the organisation.
    pub fn row(&self, t: usize, group: usize) -> &R {
        &self.rows[t * (self.centres + 1) + group]
    }

    /// The organisation's row of month `t`.
    pub fn org(&self, t: usize) -> &R {
        self.row(t, self.centres)
    }

    /// Cost centre `c`'s row of month `t`.
    pub fn centre(&self, t: usize, c: usize) -> &R {
        debug_assert!(c < self.centres);
        self.row(t, c)
    }

    /// Every row of month `t`: the cost centres in order, then the organisation.
    pub fn month(&self, t: usize) -> &[R] {
        let width = self.centres + 1;
        &self.rows[t * width..(t + 1) * width]
    }

    /// Every row of month `t`, mutably.
    pub(crate) fn month_mut(&mut self, t: usize) -> &mut [R] {
        let width = self.centres + 1;
        &mut self.rows[t * width..(t + 1) * width]
    }

    /// The organisation's rows, month by month.
    pub(crate) fn org_rows(&self) -> impl Iterator<Item = &R> + '_ {
        (0..self.months()).map(move |t| self.org(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_months_of_centres_then_the_organisation() {
        let mut t = Table::new(3, 2, 0);
        for m in 0..3 {
            for (g, cell) in t.month_mut(m).iter_mut().enumerate() {
                *cell = 10 * m + g;
            }
        }
        assert_eq!((t.months(), t.centres()), (3, 2));
        assert_eq!(*t.centre(1, 1), 11);
        assert_eq!(*t.org(2), 22);
        assert_eq!(*t.row(0, 2), 2);
        assert_eq!(t.month(1), &[10, 11, 12]);
        assert_eq!(t.org_rows().copied().collect::<Vec<_>>(), vec![2, 12, 22]);
    }
}
