//! The Yew reducer over the core's [`Session`]: the one place actions change app state.

use crate::session::{Action, Session};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}
