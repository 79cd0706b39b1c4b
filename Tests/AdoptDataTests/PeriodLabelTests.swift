@testable import AdoptData
import Testing

@Suite("Period labels read as dates")
struct PeriodLabelTests {
    // Months since year 0: a quarter is its first month (Q3 = month 7, index 6).
    @Test("quarters and months in the usual spellings", arguments: [
        ("Q3 2025", 2025 * 12 + 6), ("q3 2025", 2025 * 12 + 6), ("Q3 '07", 2007 * 12 + 6), ("Q1-2024", 2024 * 12),
        ("Q4/1999", 1999 * 12 + 9), ("2025Q3", 2025 * 12 + 6), ("2025 Q3", 2025 * 12 + 6), ("2025-Q2", 2025 * 12 + 3),
        ("2025-03", 2025 * 12 + 2), ("2025/12", 2025 * 12 + 11), ("Q2 '99", 1999 * 12 + 3), (" Q1 2020 ", 2020 * 12),
    ])
    func dates(_ label: String, _ months: Int) {
        #expect(PeriodLabel.date(label)?.month == months)
    }

    @Test("anything else is no date", arguments: ["Q5 2025", "Q0 2025", "2025-13", "2025", "launch", "Q3", "wave 2",
                                                    "2025-Q", "Q3 20255", "202503", ""])
    func notDates(_ label: String) {
        #expect(PeriodLabel.date(label) == nil)
    }
}
