//! The plan: what every target needs to know about the model, decided once per run before
//! any emitter runs. Emitters read it; none decides these things for itself.

pub mod exposure;
pub mod types;
pub mod order;
pub mod names;
