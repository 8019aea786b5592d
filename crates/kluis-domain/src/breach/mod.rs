//! Personal data breaches (Arts. 33 and 34): the 72-hour clock, what happened and when, the risk and what it
//! asks of the organisation (notify the authority, tell the people, or record why not), and the phases of a
//! notification. Pure rules: the breach module stores and shows them.

pub mod authority;
pub mod clock;
pub mod incident;
pub mod risk;

pub use clock::{BreachClock, ClockState, NOTIFY_WITHIN};
