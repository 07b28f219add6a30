//! What the hall says when it calls a number: "请A001号到3号窗口办理".

use crate::ticket::TicketNo;

/// The call as shown on screen.
pub fn call_text(number: TicketNo, counter_name: &str) -> String {
    format!("请{number}号到{counter_name}办理")
}

/// The call as spoken: digits of the number read one by one (零零一, not 一), as halls do,
/// so "A001" is never heard as "A one".
pub fn call_speech(number: TicketNo, counter_name: &str) -> String {
    let digits: String = format!("{:03}", number.seq())
        .chars()
        .map(|d| match d {
            '0' => '零',
            '1' => '一',
            '2' => '二',
            '3' => '三',
            '4' => '四',
            '5' => '五',
            '6' => '六',
            '7' => '七',
            '8' => '八',
            _ => '九',
        })
        .collect();
    format!(
        "请，{} {}号，到{}办理",
        number.category(),
        digits,
        counter_name
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_read_digits_one_by_one() {
        let n = TicketNo::parse("A001").unwrap();
        assert_eq!(call_text(n, "3号窗口"), "请A001号到3号窗口办理");
        assert_eq!(call_speech(n, "3号窗口"), "请，A 零零一号，到3号窗口办理");
        let big = TicketNo::parse("B1024").unwrap();
        assert_eq!(
            call_speech(big, "5号综合窗口"),
            "请，B 一零二四号，到5号综合窗口办理"
        );
    }
}
