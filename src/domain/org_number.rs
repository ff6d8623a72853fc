//! Swedish organisation numbers (lag 1974:174): ten digits `NNNNNN-NNNN`, the last a Luhn check
//! digit over the first nine. A sole trader uses the owner's personal identity number, which is
//! personal data: it is accepted, but flagged so that exports can leave it out.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgNumber([u8; 10]);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OrgNumberError {
    #[error("the organisation number is empty")]
    Empty,
    #[error("'{0}' is not allowed in an organisation number (digits and one '-' only)")]
    InvalidCharacter(char),
    #[error("an organisation number has 10 digits (or 12 starting with 16), not {0}")]
    WrongLength(usize),
    #[error("12 digits must start with 16, not {0}")]
    BadPrefix(String),
    #[error("the check digit is wrong: the last digit should be {expected}, not {found}")]
    BadCheckDigit { expected: u8, found: u8 },
}

impl OrgNumber {
    /// Parses `NNNNNN-NNNN`, `NNNNNNNNNN`, or either with the `16` prefix; spaces are ignored.
    pub fn parse(raw: &str) -> Result<OrgNumber, OrgNumberError> {
        let mut digits = Vec::with_capacity(12);
        for c in raw.chars() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                '-' | ' ' | '\u{2010}'..='\u{2015}' => {}
                other => return Err(OrgNumberError::InvalidCharacter(other)),
            }
        }
        match digits.len() {
            0 => return Err(OrgNumberError::Empty),
            10 => {}
            12 if digits[..2] == [1, 6] => {
                digits.drain(..2);
            }
            12 => {
                return Err(OrgNumberError::BadPrefix(format!(
                    "{}{}",
                    digits[0], digits[1]
                )));
            }
            n => return Err(OrgNumberError::WrongLength(n)),
        }
        let mut arr = [0u8; 10];
        arr.copy_from_slice(&digits);
        let expected = luhn_check_digit(&arr[..9]);
        if expected != arr[9] {
            return Err(OrgNumberError::BadCheckDigit {
                expected,
                found: arr[9],
            });
        }
        Ok(OrgNumber(arr))
    }

    /// Digits 3–4 below 20 mean the number is a personal identity number (a sole trader).
    pub fn is_personal_identity_number(&self) -> bool {
        self.0[2] * 10 + self.0[3] < 20
    }

    /// The group digit (1 estates, 2 public bodies, 5 limited companies, …).
    pub fn group(&self) -> u8 {
        self.0[0]
    }

    /// The form with the dash but without the check digit's neighbour digits shown, for
    /// exports where a personal identity number must not appear.
    pub fn masked(&self) -> String {
        let s = self.to_string();
        if self.is_personal_identity_number() {
            format!("{}-XXXX", &s[..6])
        } else {
            s
        }
    }
}

/// The Luhn (mod 10) check digit over `digits`, weights 2, 1, 2, 1… from the left.
pub fn luhn_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i == 6 {
                f.write_str("-")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl FromStr for OrgNumber {
    type Err = OrgNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgNumber::parse(s)
    }
}

impl TryFrom<String> for OrgNumber {
    type Error = OrgNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        OrgNumber::parse(&s)
    }
}

impl From<OrgNumber> for String {
    fn from(o: OrgNumber) -> String {
        o.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers_are_valid() {
        for n in ["212000-0142", "212000-1355", "556036-0793", "887500-9584"] {
            let o = OrgNumber::parse(n).unwrap();
            assert_eq!(o.to_string(), n);
            assert!(!o.is_personal_identity_number());
        }
    }

    #[test]
    fn dash_and_prefix_are_optional() {
        let want = OrgNumber::parse("556036-0793").unwrap();
        for form in [
            "5560360793",
            "16556036-0793",
            "165560360793",
            " 556036 0793 ",
        ] {
            assert_eq!(OrgNumber::parse(form), Ok(want), "{form}");
        }
    }

    #[test]
    fn a_wrong_check_digit_is_refused_and_says_so() {
        let err = OrgNumber::parse("556036-0794").unwrap_err();
        assert_eq!(
            err,
            OrgNumberError::BadCheckDigit {
                expected: 3,
                found: 4
            }
        );
        assert!(err.to_string().contains("check digit"));
    }

    #[test]
    fn other_errors() {
        assert_eq!(OrgNumber::parse(""), Err(OrgNumberError::Empty));
        assert_eq!(
            OrgNumber::parse("55603-0793"),
            Err(OrgNumberError::WrongLength(9))
        );
        assert_eq!(
            OrgNumber::parse("556036-079a"),
            Err(OrgNumberError::InvalidCharacter('a'))
        );
        assert_eq!(
            OrgNumber::parse("195560360793"),
            Err(OrgNumberError::BadPrefix("19".into()))
        );
    }

    #[test]
    fn personal_identity_numbers_are_accepted_but_flagged() {
        // 811218-9876 is the Swedish Tax Agency's example personal identity number.
        let o = OrgNumber::parse("811218-9876").unwrap();
        assert!(o.is_personal_identity_number());
        assert_eq!(o.masked(), "811218-XXXX");
        let company = OrgNumber::parse("556036-0793").unwrap();
        assert_eq!(company.masked(), "556036-0793");
        assert_eq!(company.group(), 5);
    }

    proptest! {
        #[test]
        fn format_and_parse_round_trip(nine in prop::collection::vec(0u8..10, 9)) {
            let mut digits = nine.clone();
            digits.push(luhn_check_digit(&nine));
            let raw: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            let parsed = OrgNumber::parse(&raw).unwrap();
            prop_assert_eq!(OrgNumber::parse(&parsed.to_string()), Ok(parsed));
            prop_assert_eq!(parsed.to_string().replace('-', ""), raw);
        }

        #[test]
        fn any_single_digit_change_breaks_the_check(nine in prop::collection::vec(0u8..10, 9), pos in 0usize..10, delta in 1u8..10) {
            let mut digits = nine.clone();
            digits.push(luhn_check_digit(&nine));
            digits[pos] = (digits[pos] + delta) % 10;
            let raw: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            prop_assert!(OrgNumber::parse(&raw).is_err());
        }
    }
}
