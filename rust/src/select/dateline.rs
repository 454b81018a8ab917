//! `metadata.is_dateline` answered by the core, where it can say what Python would, so that
//! selection asks Python about few of the lines that may be datelines.
//!
//! Python's function stays what a dateline is: its patterns (`metadata._SENTENCE`,
//! `_RELATIVE_TIME`, `_PUBLISHED_LABEL`, `_MONTH_DAY_TIME`, `_DATE`, `_CLAUSE_BREAK`,
//! `_EDGE_DATE`) and its limits are handed over once and read by [`super::patterns`], and
//! [`Dateline::answer`] takes its tests in its order (`metadata._dated`). It answers `None`,
//! and Python is asked, wherever a test it does not take would decide:
//! - a line holding a web address (Python removes the address's digits first);
//! - a line holding a character past the Basic Multilingual Plane (`\d` is read there only,
//!   [`Reading::Bmp`]) or a lone surrogate;
//! - a line without a dated year whose source or author label (`_source`, `_author`) decides;
//! - a dated line whose last date does not end it (the rest of `_date_at_edge`, and
//!   `other_han`).
//!
//! On the dev pages that leaves Python 5-7% of the lines it was asked about.
//! `tests/test_dateline.py` checks every answer against Python's, on every dev block and on
//! random and generated lines.

use super::patterns::{translate, translate_spans, Reading, MULTILINE};
use crate::features::counts::is_han;
use regex::Regex;

/// The patterns [`Dateline`] reads, as Python's text and flags, in this order: `_SENTENCE`,
/// `_RELATIVE_TIME`, `_PUBLISHED_LABEL`, `_MONTH_DAY_TIME`, `_DATE`, `_CLAUSE_BREAK`,
/// `_EDGE_DATE`, `_DATELINE_HINT`.
pub type Sources<'a> = [(&'a str, u32); 8];

/// The numbers of `metadata`'s dateline tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// `_DATELINE_REST`: Han characters a dated line may hold outside its tokens.
    pub rest: usize,
    /// `_DATELINE_REST_SHARE`: or this share of its Han characters.
    pub rest_share: f64,
    /// `_DATELINE_NAME`: a name and a time, without a clause break.
    pub name: usize,
    /// `_EDGE_NAME`: a poster's name after the last date of a line.
    pub edge_name: usize,
    /// `_RELATIVE_MAX_HAN`: a relative time makes a dateline of at most this many.
    pub relative_han: usize,
    /// `_LABEL_MAX_HAN`: a source's or author's label without a date, of at most this many.
    pub label_han: usize,
}

/// `metadata.is_dateline`'s tests, read by the core.
#[derive(Debug, Clone)]
pub struct Dateline {
    sentence: Regex,
    relative_time: Regex,
    published_label: Regex,
    month_day_time: Regex,
    date: Regex,
    clause_break: Regex,
    /// Its matches' spans are read: translated so that each is where Python's is.
    edge_date: Regex,
    hint: Regex,
    limits: Limits,
}

impl Dateline {
    /// The tests of these patterns and limits; an error names a pattern the core cannot read
    /// exactly (Python then answers every line).
    pub fn new(sources: &Sources<'_>, limits: Limits) -> Result<Dateline, String> {
        let [sentence, relative_time, published_label, month_day_time, date, clause_break, edge_date, hint] = sources;
        let read = |name: &str, &(pattern, flags): &(&str, u32)| -> Result<String, String> {
            if flags & MULTILINE != 0 {
                return Err(format!("{name}: re.MULTILINE"));
            }
            translate(pattern, flags, Reading::Bmp).map_err(|why| format!("{name}: {why}"))
        };
        let regex = |name: &str, source: &(&str, u32)| -> Result<Regex, String> {
            Regex::new(&read(name, source)?).map_err(|e| format!("{name}: {e}"))
        };
        let spans = translate_spans(edge_date.0, edge_date.1).map_err(|why| format!("_EDGE_DATE: {why}"))?;
        Ok(Dateline {
            sentence: regex("_SENTENCE", sentence)?,
            relative_time: regex("_RELATIVE_TIME", relative_time)?,
            published_label: regex("_PUBLISHED_LABEL", published_label)?,
            month_day_time: regex("_MONTH_DAY_TIME", month_day_time)?,
            date: regex("_DATE", date)?,
            clause_break: regex("_CLAUSE_BREAK", clause_break)?,
            edge_date: Regex::new(&spans).map_err(|e| format!("_EDGE_DATE: {e}"))?,
            hint: regex("_DATELINE_HINT", hint)?,
            limits,
        })
    }

    /// `metadata.is_dateline(text, han)` of a line whose text is `text` and simplified
    /// (`lexicon.simplified`) `plain`, with `han` Han characters, or `None` where Python answers
    /// (see the module docs). Python's first test (at most 40 Han characters and 120 characters)
    /// is the caller's; `_DATELINE_NEEDS` need not have been searched (it only shortens the way
    /// to false).
    pub fn answer(&self, text: &str, plain: &str, han: usize) -> Option<bool> {
        if !within_bmp(text) || text.contains("http") || text.contains("www.") {
            return None;
        }
        if !self.hint.is_match(text) {
            return Some(false);
        }
        let l = &self.limits;
        if (plain.contains('。') || plain.contains('！') || plain.contains('？')) && self.sentence.is_match(plain) {
            return Some(false);
        }
        let relative = plain.contains('前') || plain.contains('天') || plain.contains("刚刚");
        if han <= l.relative_han && relative && self.relative_time.is_match(plain) {
            return Some(true);
        }
        if self.published_label.is_match(plain) && self.month_day_time.is_match(plain) {
            return Some(true);
        }
        if !self.date.is_match(plain) {
            // a source's label holds 来源 or 出处, an author's 者 or 文: without one, or with
            // too many Han characters, none decides
            let labelled = ["来源", "出处", "者", "文"].iter().any(|label| plain.contains(label));
            return if labelled && han <= l.label_han { None } else { Some(false) };
        }
        let most = han_in(plain);
        if most <= l.rest || most as f64 <= l.rest_share * han as f64 {
            return Some(true);
        }
        if most <= l.name && !self.clause_break.is_match(plain) {
            return Some(true);
        }
        // `_date_at_edge`'s first test: its last date ends the line (a poster's name may follow);
        // where it fails, the tests after it (and other_han) are Python's
        self.last_date_ends(plain).then_some(true)
    }

    /// Whether at most `edge_name` Han characters follow the last date of `text`
    /// (`metadata._date_at_edge`'s first test).
    fn last_date_ends(&self, text: &str) -> bool {
        let last = self.edge_date.find_iter(text).last();
        last.and_then(|date| text.get(date.end()..)).is_some_and(|rest| han_in(rest) <= self.limits.edge_name)
    }
}

/// Han characters in `text` (`features.han_count`).
fn han_in(text: &str) -> usize {
    text.chars().filter(|&c| is_han(u32::from(c))).count()
}

/// Whether every character of `text` is in the Basic Multilingual Plane (no four-byte sequence).
fn within_bmp(text: &str) -> bool {
    text.bytes().all(|b| b < 0xF0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::patterns::UNICODE;

    /// `metadata`'s patterns and limits as written there.
    fn dateline() -> Dateline {
        let sources: Sources<'_> = [
            (
                r#"[。！？]\s*(?:\^?\s*\[\d{1,3}(?:\s*[-–,，]\s*\d{1,3})*\]\s*|[（(][^（）()]{1,20}[）)]\s*)*$|。[“”"]?[\u3400-\u9fff]"#,
                UNICODE,
            ),
            (r"(?<!\d)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|(?:昨天|前天|今天)\s*\d{1,2}:\d{2}", UNICODE),
            (r"发布|发表|时间|日期|更新", UNICODE),
            (r"(?<!\d)\d{1,2}[-/月]\d{1,2}日?\s{0,3}\d{1,2}[:：]\d{2}", UNICODE),
            (r"\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}", UNICODE),
            (r"[，；]|,(?=[\u3400-\u9fff])", UNICODE),
            (r"\d{2,4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?", UNICODE),
            (r"[\d:：/]|刚刚", UNICODE),
        ];
        let limits = Limits { rest: 4, rest_share: 0.5, name: 12, edge_name: 6, relative_han: 20, label_han: 30 };
        Dateline::new(&sources, limits).unwrap()
    }

    fn answer(d: &Dateline, text: &str) -> Option<bool> {
        d.answer(text, text, han_in(text))
    }

    #[test]
    fn each_test_in_its_turn() {
        let d = dateline();
        assert_eq!(answer(&d, "发布时间:2021-06-04 14:23:36 文章来源:重庆日报"), Some(true)); // few Han outside
        assert_eq!(answer(&d, "客栈小K | 扫地 | 6天前"), Some(true)); // a relative time
        assert_eq!(answer(&d, "发布时间：09-3022:46 青岛日报"), Some(true)); // a month-day-time
        assert_eq!(
            answer(&d, "6月3日,重庆市科技局与上海市科委在2021浦江创新论坛上签署科技合作框架协议。"),
            Some(false)
        );
        assert_eq!(answer(&d, "2024年5月9日，高新区正式揭牌启动。 [3]"), Some(false)); // a sentence
        assert_eq!(answer(&d, "他对政治没兴趣，却老跟政治扯上关系2015-09-22"), Some(true)); // a date at its end
        assert_eq!(answer(&d, "1989年5月26日，他离开了家乡，到北京去找工作"), None); // not at an edge: other_han's
        assert_eq!(answer(&d, "老张于1989年5月26日离开家乡到江城做工"), None); // other_han: Python's
        assert_eq!(answer(&d, "12 无标签的数字"), Some(false)); // no date, no label
        assert_eq!(answer(&d, "来源：新华社"), None); // a label: Python's
        assert_eq!(answer(&d, "见 http://x.cn/2021-06-04"), None); // an address: Python's
        assert_eq!(answer(&d, "𠀀 2021-06-04"), None); // past the plane: Python's
        assert_eq!(answer(&d, "没有日期"), Some(false)); // no hint
    }

    #[test]
    fn a_sentence_before_a_final_newline_or_a_note() {
        let d = dateline();
        assert_eq!(answer(&d, "2021-06-04 会议通过。\n"), Some(false));
        assert_eq!(answer(&d, "2021-06-04 会议通过。（新华社）"), Some(false));
        assert_eq!(answer(&d, "2021-06-04 会议通过。\n\n"), Some(false)); // (the spaces before `$` take both)
        assert_eq!(answer(&d, "2021-06-04 会议。通过"), Some(false)); // a full stop running on into Han text
        assert_eq!(answer(&d, "2021-06-04 会议。”"), Some(true)); // (a full stop before a quote that ends it: no)
    }

    #[test]
    fn digits_of_other_scripts_are_digits() {
        let d = dateline();
        // Arabic-Indic digits make a date as ASCII ones do (Python's \d)
        assert_eq!(answer(&d, "٢٠٢١-٠٦-٠٤"), Some(true));
        assert_eq!(answer(&d, "２０２１－０６－０４"), Some(false)); // (full-width dashes are no separator)
    }

    #[test]
    fn a_pattern_it_cannot_read_is_refused_with_its_name() {
        let mut sources: Sources<'_> = dateline_sources();
        sources[4] = (r"\d{4}\b", UNICODE);
        let limits = Limits { rest: 4, rest_share: 0.5, name: 12, edge_name: 6, relative_han: 20, label_han: 30 };
        let err = Dateline::new(&sources, limits).unwrap_err();
        assert!(err.starts_with("_DATE:"), "{err}");
        let mut sources = dateline_sources();
        sources[6] = (r"(?<!\d)\d{4}", UNICODE); // a look-behind moves _EDGE_DATE's matches
        assert!(Dateline::new(&sources, limits).unwrap_err().starts_with("_EDGE_DATE:"));
    }

    fn dateline_sources() -> Sources<'static> {
        [
            ("[。！？]$", UNICODE),
            (r"(?<!\d)\d+前", UNICODE),
            ("发布", UNICODE),
            (r"\d{1,2}月", UNICODE),
            (r"\d{4}", UNICODE),
            ("[，；]", UNICODE),
            (r"\d{4}", UNICODE),
            (r"[\d:：/]|刚刚", UNICODE),
        ]
    }
}
