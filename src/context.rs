//! What every use case runs with: the store, the clock, the hall's settings and the event bus.

use crate::events::EventBus;
use chrono_tz::Tz;
use onetrip_domain::clock::Clock;
use onetrip_domain::ServiceDay;
use onetrip_store::Store;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct HallSettings {
    pub name: String,
    pub timezone: Tz,
}

#[derive(Clone)]
pub struct AppContext {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub hall: HallSettings,
    pub events: EventBus,
}

impl AppContext {
    pub fn today(&self) -> ServiceDay {
        ServiceDay::of(self.clock.now(), self.hall.timezone)
    }
}
