//! Just enough of an HTML tokenizer to find every start tag, its attributes and the raw text of
//! `<script>` and `<style>` elements in a page we built ourselves.

use std::ops::Range;

/// An attribute: lower-case name and raw value (None for a bare attribute).
pub type Attr = (String, Option<String>);

/// One start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Lower-case element name.
    pub name: String,
    /// Attributes in source order.
    pub attrs: Vec<Attr>,
    /// The whole element in the source: the start tag, and for `script`/`style` also the body
    /// and the end tag.
    pub span: Range<usize>,
    /// The raw text of a `script` or `style` element.
    pub body: Option<Range<usize>>,
}

impl Tag {
    /// The value of attribute `name` ("" for a bare one), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }
}

/// Every start tag of `html`, skipping comments, doctypes and end tags.
pub fn tags(html: &str) -> Result<Vec<Tag>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(offset) = html.get(pos..).and_then(|rest| rest.find('<')) {
        let start = pos + offset;
        let rest = html.get(start..).unwrap_or_default();
        if rest.starts_with("<!--") {
            pos = start + 4 + find_or(rest.get(4..), "-->", "comment")? + 3;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?") {
            pos = start + find_or(Some(rest), ">", "markup declaration")? + 1;
            continue;
        }
        let name_len = rest
            .bytes()
            .skip(1)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if !rest
            .as_bytes()
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            pos = start + 1; // a lone '<' in text
            continue;
        }
        let name = rest
            .get(1..1 + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (attrs, tag_end) = attributes(html, start + 1 + name_len)?;
        let mut tag = Tag {
            name,
            attrs,
            span: start..tag_end,
            body: None,
        };
        if tag.name == "script" || tag.name == "style" {
            let closing = format!("</{}", tag.name);
            let body_len = find_ci(html.get(tag_end..).unwrap_or_default(), &closing)
                .ok_or_else(|| format!("<{}> without {closing}>", tag.name))?;
            let body_end = tag_end + body_len;
            let end = body_end + find_or(html.get(body_end..), ">", "end tag")? + 1;
            tag.body = Some(tag_end..body_end);
            tag.span = start..end;
        }
        pos = tag.span.end;
        out.push(tag);
    }
    Ok(out)
}

/// Parses attributes from `pos` (just after the tag name) up to and including the tag's `>`.
fn attributes(html: &str, mut pos: usize) -> Result<(Vec<Attr>, usize), String> {
    let bytes = html.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut attrs = Vec::new();
    loop {
        while at(pos).is_some_and(|b| is_space(b) || b == b'/') {
            pos += 1;
        }
        match at(pos) {
            None => return Err("unterminated tag".into()),
            Some(b'>') => return Ok((attrs, pos + 1)),
            Some(_) => {}
        }
        let name_start = pos;
        while at(pos).is_some_and(|b| !is_space(b) && !matches!(b, b'=' | b'>' | b'/')) {
            pos += 1;
        }
        let name = html
            .get(name_start..pos)
            .unwrap_or_default()
            .to_ascii_lowercase();
        while at(pos).is_some_and(is_space) {
            pos += 1;
        }
        let mut value = None;
        if at(pos) == Some(b'=') {
            pos += 1;
            while at(pos).is_some_and(is_space) {
                pos += 1;
            }
            let (start, end, next) = match at(pos) {
                Some(q @ (b'"' | b'\'')) => {
                    let len = bytes
                        .get(pos + 1..)
                        .and_then(|r| r.iter().position(|&b| b == q))
                        .ok_or("unterminated attribute value")?;
                    (pos + 1, pos + 1 + len, pos + 2 + len)
                }
                _ => {
                    let start = pos;
                    while at(pos).is_some_and(|b| !is_space(b) && b != b'>') {
                        pos += 1;
                    }
                    (start, pos, pos)
                }
            };
            value = Some(html.get(start..end).unwrap_or_default().to_string());
            pos = next;
        }
        attrs.push((name, value));
    }
}

fn find_or(hay: Option<&str>, needle: &str, what: &str) -> Result<usize, String> {
    hay.and_then(|h| h.find(needle))
        .ok_or_else(|| format!("unterminated {what}"))
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Writes a start tag back out, values double-quoted.
pub fn start_tag(name: &str, attrs: &[Attr]) -> String {
    let mut out = format!("<{name}");
    for (n, v) in attrs {
        out.push(' ');
        out.push_str(n);
        if let Some(v) = v {
            out.push_str("=\"");
            out.push_str(&v.replace('"', "&quot;"));
            out.push('"');
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_unquoted_and_bare_attributes() {
        let t = tags(r#"<LINK rel=modulepreload href='/a.js' crossorigin data-x = "1>2">"#)
            .expect("parse");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].name, "link");
        assert_eq!(t[0].attr("rel"), Some("modulepreload"));
        assert_eq!(t[0].attr("href"), Some("/a.js"));
        assert_eq!(t[0].attr("crossorigin"), Some(""));
        assert_eq!(t[0].attr("data-x"), Some("1>2"));
    }

    #[test]
    fn script_bodies_are_raw_text_and_comments_are_skipped() {
        let html = "<!-- <script>no</script> --><p>a < b</p><script>if (a<b) x('<div onclick=1>')\
                    </SCRIPT ><br/>";
        let t = tags(html).expect("parse");
        let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "script", "br"]);
        let body = t[1].body.clone().expect("body");
        assert_eq!(&html[body], "if (a<b) x('<div onclick=1>')");
        assert!(html[t[1].span.clone()].ends_with("</SCRIPT >"));
    }

    #[test]
    fn broken_markup_is_an_error_not_a_panic() {
        for html in [
            "<script>never closed",
            "<a href=\"x",
            "<div",
            "<!-- open",
            "<",
            "<a b=",
        ] {
            let _ = tags(html);
        }
        assert!(tags("<script>never closed").is_err());
        assert!(tags("<a href=\"x>").is_err());
    }

    #[test]
    fn start_tags_round_trip() {
        let attrs = vec![
            ("type".to_string(), Some("module".to_string())),
            ("async".to_string(), None),
            ("data-q".to_string(), Some("say \"hi\"".to_string())),
        ];
        let text = start_tag("script", &attrs);
        assert_eq!(
            text,
            r#"<script type="module" async data-q="say &quot;hi&quot;">"#
        );
        let parsed = tags(&format!("{text}</script>")).expect("parse");
        assert_eq!(parsed[0].attr("type"), Some("module"));
        assert_eq!(parsed[0].attr("async"), Some(""));
    }
}
