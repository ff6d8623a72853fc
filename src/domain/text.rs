//! Bilingual text. Swedish is the language of record (required in every set file); English is
//! expected but may be missing, and then the Swedish text is shown rather than nothing.

use serde::{Deserialize, Serialize};

/// A language the product speaks: Swedish first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Reads a language code or a locale such as `sv_SE.UTF-8` or `en_GB`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        let head = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match head {
            "sv" | "swedish" | "svenska" => Some(Lang::Sv),
            "en" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text in Swedish and English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Text {
    pub sv: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Text {
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            sv: sv.into(),
            en: en.into(),
        }
    }

    pub fn sv(sv: impl Into<String>) -> Text {
        Text::new(sv, "")
    }

    /// The text in `lang`, falling back to Swedish when the English text is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.sv,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sv.trim().is_empty() && self.en.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_swedish_when_missing() {
        let t = Text::sv("Leverantören ska…");
        assert_eq!(t.get(Lang::En), "Leverantören ska…");
        let t = Text::new("Hej", "Hello");
        assert_eq!(t.get(Lang::En), "Hello");
        assert_eq!(t.get(Lang::Sv), "Hej");
    }

    #[test]
    fn lang_reads_locales() {
        assert_eq!(Lang::from_code("sv_SE.UTF-8"), Some(Lang::Sv));
        assert_eq!(Lang::from_code("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("C"), None);
        assert_eq!(Lang::from_code("de_DE"), None);
    }
}
