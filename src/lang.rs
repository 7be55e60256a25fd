//! Languages a run of text can be labelled with.

use std::fmt;

/// The language of a run of text.
///
/// `bitext` aligns English with Arabic; other languages are recognised only so
/// that they can be left out of the pairing instead of being glued to a neighbour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "&'static str", try_from = "String"))]
#[non_exhaustive]
pub enum Lang {
    /// English (`en`).
    English,
    /// Arabic (`ar`).
    Arabic,
    /// Persian (`fa`).
    Persian,
    /// Urdu (`ur`).
    Urdu,
    /// A Latin-script language other than English (`und-Latn`).
    OtherLatin,
    /// An Arabic-script language other than Arabic, Persian and Urdu (`und-Arab`).
    OtherArabic,
    /// Anything else: other scripts, or too little text to tell (`und`).
    Unknown,
}

impl Lang {
    /// The ISO 639-1 code where there is one, else a BCP 47 `und` tag.
    ///
    /// ```
    /// use bitext::Lang;
    /// assert_eq!(Lang::English.code(), "en");
    /// assert_eq!(Lang::OtherLatin.code(), "und-Latn");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::Arabic => "ar",
            Lang::Persian => "fa",
            Lang::Urdu => "ur",
            Lang::OtherLatin => "und-Latn",
            Lang::OtherArabic => "und-Arab",
            Lang::Unknown => "und",
        }
    }

    /// The language for a code produced by [`Lang::code`].
    pub fn from_code(code: &str) -> Option<Lang> {
        Some(match code {
            "en" => Lang::English,
            "ar" => Lang::Arabic,
            "fa" => Lang::Persian,
            "ur" => Lang::Urdu,
            "und-Latn" => Lang::OtherLatin,
            "und-Arab" => Lang::OtherArabic,
            "und" => Lang::Unknown,
            _ => return None,
        })
    }

    /// True for languages written in Arabic script.
    pub const fn is_arabic_script(self) -> bool {
        matches!(
            self,
            Lang::Arabic | Lang::Persian | Lang::Urdu | Lang::OtherArabic
        )
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl From<Lang> for &'static str {
    fn from(l: Lang) -> Self {
        l.code()
    }
}

impl TryFrom<String> for Lang {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Parses a code produced by [`Lang::code`].
///
/// ```
/// use bitext::Lang;
/// assert_eq!("ar".parse::<Lang>(), Ok(Lang::Arabic));
/// assert!("arabic".parse::<Lang>().is_err());
/// ```
impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_code(s).ok_or_else(|| format!("unknown language code `{s}`"))
    }
}
