//! What every use case runs with: the store, the clock, the hall's settings and the event bus.

use crate::events::EventBus;
use chrono_tz::Tz;
use onetrip_domain::appointment::AppointmentRules;
use onetrip_domain::calendar::WorkingCalendar;
use onetrip_domain::clock::Clock;
use onetrip_domain::ServiceDay;
use onetrip_store::Store;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct HallSettings {
    pub name: String,
    pub timezone: Tz,
    /// Where links printed on paper (QR codes) point, e.g. `https://hall.example.gov.cn`.
    pub public_url: Option<String>,
    pub queue: QueueRules,
    pub appointments: AppointmentRules,
    pub cases: crate::service::cases::CaseRules,
    pub ratings: crate::service::ratings::RatingRules,
    pub messages: crate::service::messages::MessageRules,
}

/// The hall's queue rules; the admin screens of a later issue edit them.
#[derive(Debug, Clone)]
pub struct QueueRules {
    /// A ticket waiting this long jumps the weighted rotation.
    pub max_wait_minutes: i64,
    /// Recalls before a ticket may be marked as a no-show.
    pub recalls_before_no_show: i64,
    /// Age from which an ID number gets the green channel automatically.
    pub green_channel_age: u32,
}

impl Default for QueueRules {
    fn default() -> Self {
        Self {
            max_wait_minutes: 30,
            recalls_before_no_show: 2,
            green_channel_age: 60,
        }
    }
}

#[derive(Clone)]
pub struct AppContext {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    /// The hall's settings, replaceable while the server runs (an admin's change); readers
    /// take a snapshot with [`AppContext::hall`].
    pub halls: Halls,
    pub events: EventBus,
    /// Working days: holidays off, make-up days (调休) worked; an admin may load a new year.
    pub calendars: Calendars,
    /// The keys that seal the hall's documents.
    pub seals: Arc<crate::service::seals::Keyring>,
    /// Failed log-ins of this server instance (in memory).
    pub login_limit: Arc<crate::service::login_limit::LoginLimiter>,
}

impl AppContext {
    pub fn today(&self) -> ServiceDay {
        ServiceDay::of(self.clock.now(), self.hall().timezone)
    }

    /// A snapshot of the hall's settings.
    pub fn hall(&self) -> Arc<HallSettings> {
        self.halls.0.read().expect("hall settings lock").clone()
    }

    pub fn set_hall(&self, settings: HallSettings) {
        *self.halls.0.write().expect("hall settings lock") = Arc::new(settings);
    }
}

#[derive(Clone)]
pub struct Halls(Arc<std::sync::RwLock<Arc<HallSettings>>>);

impl Halls {
    pub fn new(settings: HallSettings) -> Self {
        Self(Arc::new(std::sync::RwLock::new(Arc::new(settings))))
    }
}

/// The hall's working-day calendar, replaceable while the server runs (an admin loading next
/// year's arrangement); readers take a snapshot.
#[derive(Clone)]
pub struct Calendars(Arc<std::sync::RwLock<Arc<WorkingCalendar>>>);

impl Calendars {
    pub fn new(calendar: WorkingCalendar) -> Self {
        Self(Arc::new(std::sync::RwLock::new(Arc::new(calendar))))
    }

    pub fn get(&self) -> Arc<WorkingCalendar> {
        self.0.read().expect("calendar lock").clone()
    }

    pub fn replace(&self, calendar: WorkingCalendar) {
        *self.0.write().expect("calendar lock") = Arc::new(calendar);
    }
}

impl AppContext {
    /// A snapshot of the working-day calendar.
    pub fn calendar(&self) -> Arc<WorkingCalendar> {
        self.calendars.get()
    }
}
