//! What an evaluated requirement's weight counts in: the evaluation model the officer chooses
//! for a procurement, written into its tender documents.

use serde::{Deserialize, Serialize};

use super::coded::coded_enum;

coded_enum!(
    /// How the evaluated requirements (bör-krav) are scored: points added up, or a merit
    /// value in kronor deducted from the tendered price (mervärdesavdrag).
    #[derive(Default)]
    Scoring {
        #[default]
        Points = "points",
        MeritSek = "merit_sek",
    }
);
