//! Helpers shared by the integration test binaries; each binary uses a part of them, hence the allow.
#![allow(dead_code)]

pub mod state;
pub mod tmux;
