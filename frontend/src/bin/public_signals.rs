//! The public build of signals: the map and list, one signal (`public-signals.html`): what a
//! first visit of these pages downloads.

samenstad_web::public_build!(Signals, SignalRoutes);
