//! Quote engine tests, one per pattern, on French paragraphs written for them.

use super::*;
