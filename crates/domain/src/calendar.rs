//! The working-day calendar: which dates the hall works, after the State Council's yearly
//! holiday arrangements (法定节假日安排), and the working-day arithmetic of time limits.
//!
//! A year's arrangement comes in the holiday-cn JSON format ([`HolidayYear::parse_json`]):
//! listed holidays are off even on a weekday, listed make-up days (调休) are worked even on a
//! weekend; otherwise weekends are off and weekdays are working days. The arrangements the
//! product ships are in `data/holidays/` ([`WorkingCalendar::bundled`]). Nothing here reads
//! files or the clock: the text and "today" are passed in.

#[cfg(test)]
mod tests;
mod working;
mod year;

pub use working::WorkingCalendar;
pub use year::{CalendarError, HolidayDay, HolidayYear};
