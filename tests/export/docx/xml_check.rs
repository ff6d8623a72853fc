//! Two checks on the package's XML that need no XML library: well-formedness, as any parser
//! would refuse a file, and the order of property elements, which Word (unlike LibreOffice)
//! insists on.

/// Checks what an XML parser would refuse: unbalanced or crossed tags, unquoted or repeated
/// attributes, a bare `&` or `<`, characters XML 1.0 forbids, and more or less than one root.
pub fn well_formed(xml: &str) -> Result<(), String> {
    if let Some(c) = xml
        .chars()
        .find(|&c| (c < ' ' && !"\t\n\r".contains(c)) || c == '\u{fffe}' || c == '\u{ffff}')
    {
        return Err(format!("forbidden character U+{:04X}", c as u32));
    }
    let mut rest = xml.trim_start();
    if rest.starts_with("<?xml") {
        rest = &rest[rest.find("?>").ok_or("declaration not closed")? + 2..];
    }
    let mut open: Vec<&str> = Vec::new();
    let mut roots = 0;
    while let Some(lt) = rest.find('<') {
        text_ok(&rest[..lt])?;
        let gt = rest[lt..].find('>').ok_or("tag not closed")? + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name.trim() => {}
                o => return Err(format!("</{name}> closes {o:?}")),
            }
            continue;
        }
        if open.is_empty() {
            roots += 1;
        }
        let empty = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        attributes_ok(&tag[name_end..])?;
        if !empty {
            open.push(&tag[..name_end]);
        }
    }
    text_ok(rest)?;
    match (open.last(), roots) {
        (Some(o), _) => Err(format!("<{o}> never closed")),
        (None, 1) => Ok(()),
        (None, n) => Err(format!("{n} root elements")),
    }
}

fn text_ok(text: &str) -> Result<(), String> {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity)
            || entity.starts_with("&#");
        if !known {
            return Err(format!("bare & in {text:?}"));
        }
    }
    Ok(())
}

fn attributes_ok(mut attrs: &str) -> Result<(), String> {
    let mut seen = Vec::new();
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return Ok(());
        }
        let eq = attrs
            .find('=')
            .ok_or(format!("attribute without value: {attrs}"))?;
        let name = attrs[..eq].trim();
        if seen.contains(&name) {
            return Err(format!("attribute {name} twice"));
        }
        seen.push(name);
        let value = attrs[eq + 1..].trim_start();
        let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'');
        let quote = quote.ok_or(format!("unquoted attribute {name}"))?;
        let end = value[1..].find(quote).ok_or("attribute not closed")? + 1;
        if value[1..end].contains('<') {
            return Err(format!("< in attribute {name}"));
        }
        text_ok(&value[1..end])?;
        attrs = &value[end + 1..];
    }
}

/// Word refuses a file whose property elements are out of the schema's sequence (LibreOffice
/// does not mind, so a PDF would not show it): the sequences of the elements we write.
const ORDERS: [(&str, &[&str]); 6] = [
    (
        "w:pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "widowControl",
            "numPr",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "spacing",
            "ind",
            "contextualSpacing",
            "jc",
            "outlineLvl",
            "rPr",
        ],
    ),
    (
        "w:rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "vanish",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "shd",
            "vertAlign",
            "lang",
        ],
    ),
    (
        "w:tcPr",
        &[
            "tcW",
            "gridSpan",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "vAlign",
        ],
    ),
    (
        "w:tblPr",
        &[
            "tblStyle",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "w:style",
        &[
            "name",
            "basedOn",
            "next",
            "link",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    (
        "w:settings",
        &[
            "zoom",
            "defaultTabStop",
            "characterSpacingControl",
            "updateFields",
            "compat",
            "themeFontLang",
        ],
    ),
];

/// The names of the child elements of every `parent` element in `xml`, without the prefix.
fn children<'a>(xml: &'a str, parent: &str) -> Vec<Vec<&'a str>> {
    let mut all = Vec::new();
    let open = format!("<{parent}");
    let mut rest = xml;
    while let Some(at) = rest.find(&open) {
        rest = &rest[at + open.len()..];
        if !rest.starts_with(['>', ' ']) {
            continue;
        }
        let start_end = rest.find('>').unwrap();
        if rest[..start_end].ends_with('/') {
            continue;
        }
        let mut inner = &rest[start_end + 1..];
        let (mut depth, mut names) = (0, Vec::new());
        while let Some(lt) = inner.find('<') {
            let gt = lt + inner[lt..].find('>').unwrap();
            let tag = &inner[lt + 1..gt];
            inner = &inner[gt + 1..];
            if tag.starts_with('/') {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                continue;
            }
            let name = tag.split([' ', '/']).next().unwrap();
            if depth == 0 {
                names.push(name.trim_start_matches("w:"));
            }
            if !tag.ends_with('/') {
                depth += 1;
            }
        }
        all.push(names);
    }
    all
}

pub fn in_schema_order(xml: &str) -> Result<(), String> {
    for (parent, order) in ORDERS {
        for names in children(xml, parent) {
            let mut last = 0;
            for name in &names {
                let at = order
                    .iter()
                    .position(|o| o == name)
                    .ok_or(format!("{parent} holds {name}, not in the list: {names:?}"))?;
                if at < last {
                    return Err(format!("{parent} out of order: {names:?}"));
                }
                last = at;
            }
        }
    }
    Ok(())
}

#[test]
fn the_checker_refuses_what_a_parser_refuses() {
    assert!(well_formed("<a><b x=\"1\"/>t &amp; u</a>").is_ok());
    for bad in [
        "<a><b></a></b>",
        "<a>",
        "<a/><b/>",
        "<a x=1/>",
        "<a x=\"1\" x=\"2\"/>",
        "<a>& </a>",
        "<a>\u{1}</a>",
    ] {
        assert!(well_formed(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_order_check_refuses_what_word_refuses() {
    assert!(in_schema_order("<w:pPr><w:spacing/><w:jc/></w:pPr>").is_ok());
    assert!(in_schema_order("<w:pPr><w:jc/><w:spacing/></w:pPr>").is_err());
    assert!(in_schema_order("<w:pPr><w:pBdr><w:bottom/></w:pBdr><w:spacing/></w:pPr>").is_ok());
    assert!(in_schema_order("<w:pPr><w:unheardOf/></w:pPr>").is_err());
}
