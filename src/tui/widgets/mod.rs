//! Widgets shared by the screens: list cursor, text input, forms, modal layers, fuzzy ranking.

pub mod form;
pub mod fuzzy;
pub mod list;
pub mod modal;
pub mod text_area;
pub mod text_input;
