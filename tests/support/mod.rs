//! Helpers shared by the end-to-end test binaries; each binary uses a part of them, hence the allow.
#![allow(dead_code)]

pub mod tmux;
