//! Markup written as text, for panels whose content changes by many pieces every frame (event log,
//! logs grid, client history, sequence arrows): one string parsed by the browser costs far less than
//! hundreds of DOM calls from wasm, each with its own strings. Such content has no listeners inside:
//! its container delegates.

use std::fmt::{self, Write};

/// A piece of markup being written: tags with [`Markup::tag`], numbers and the page's own words with
/// `write!` (as they are), any protocol or user text with [`Markup::text`] (escaped).
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// Empty markup with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self(String::with_capacity(capacity))
    }

    /// Tags and attribute names as they are (never user or protocol text).
    pub fn tag(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Text, escaped for element content and quoted attribute values.
    pub fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                c => self.0.push(c),
            }
        }
        self
    }

    /// The markup as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup as a string.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// `write!` into markup writes as is (markup and numbers): text from users or protocols goes
/// through [`Markup::text`].
impl Write for Markup {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_markup_and_numbers_are_not() {
        let mut m = Markup::default();
        m.tag("<li title=\"").text("a\"<b>&").tag("\">");
        let _ = write!(m, "<b data-n=\"{}\">", 1);
        m.text("x<y").tag("</b></li>");
        assert_eq!(m.as_str(), "<li title=\"a&quot;&lt;b&gt;&amp;\"><b data-n=\"1\">x&lt;y</b></li>");
    }
}
