//! Values the page's components share and compare by identity.
//!
//! A component is redrawn when its properties differ from the last ones, and `Rc<T>` compares
//! the values it points to: each redraw of the page compared the whole report (every month's
//! percentiles of every policy set), the validated scenario and the form once per component
//! holding them, about a fifth of the page's work per run. [`Shared`] is equal only to itself
//! (the same allocation), so that comparison costs nothing; a value that is replaced, even by an
//! equal one, redraws what shows it.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// A shared value equal only to itself: two are equal when they point to the same allocation.
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Shared<T> {
        Shared(rc)
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_value_is_equal_to_its_clones_and_to_no_other_allocation() {
        let a = Shared::new(vec![1.0, 2.0]);
        let b = Shared::new(vec![1.0, 2.0]);
        assert!(a == a.clone());
        assert!(a != b, "equal values, but another allocation");
        let rc = Rc::new(3);
        assert!(Shared::from(rc.clone()) == Shared::from(rc));
        assert_eq!(*a, vec![1.0, 2.0]);
    }

    #[test]
    fn nan_does_not_make_a_shared_value_unequal_to_itself() {
        let a = Shared::new(f64::NAN);
        assert!(a == a.clone());
    }
}
