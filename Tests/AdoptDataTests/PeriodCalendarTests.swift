@testable import AdoptData
import Testing

@Suite("Period calendar: periods past the data, named as the data name theirs")
struct PeriodCalendarTests {
    /// A column's labels (x = 1, 2, …), the label of the period `ahead` after its last, and that
    /// period's x.
    @Test("the label after the data is a labelled one with its year moved on, in its own digits", arguments: [
        (["Q3 '07", "Q4 '07", "Q1 '08"], 6, "Q3 '09"),
        (["Mar 2025", "Apr 2025"], 5, "Sep 2025"),
        (["SEPT. 2024", "OCT. 2024"], 3, "JAN. 2025"),
        (["march 2025", "april 2025"], 1, "may 2025"),
        (["Q1 '01", "Q2 '01"], 3, "Q1 '02"),
        (["3/2025", "4/2025"], 7, "11/2025"),
        (["2H19", "1H20"], 1, "2H20"),
        (["1Q19", "2Q19"], 2, "4Q19"),
        (["2025Q3", "2025Q4"], 1, "2026Q1"),
        (["FY19Q1", "FY19Q2", "FY19Q3", "FY19Q4", "FY20Q1"], 8, "FY22Q1"),
        (["2025-11", "2025-12"], 2, "2026-02"),
        (["11/2025", "12/2025"], 13, "01/2027"),
        (["Nov-25", "Dec-25"], 1, "Jan-26"),
        (["Nov 2025", "Dec 2025"], 1, "Jan 2026"),
        (["2020M11", "2020M12"], 3, "2021M03"),
        (["2025-11-30", "2025-12-31"], 1, "2026-01-31"),
        // Months dated by their last day stay on it, February's in leap years and others.
        (["2019-11-30", "2019-12-31", "2020-01-31", "2020-02-29"], 1, "2020-03-31"),
        (["2019-11-30", "2019-12-31", "2020-01-31", "2020-02-29"], 2, "2020-04-30"),
        (["2022-11-30", "2022-12-31"], 2, "2023-02-28"),
        (["2023-11-30", "2023-12-31"], 2, "2024-02-29"),
        (["2099-11-30", "2099-12-31"], 2, "2100-02-28"),
        (["2019-03-31", "2019-06-30", "2019-09-30"], 1, "2019-12-31"),
        (["2019-03-31 00:00:00", "2019-06-30 00:00:00"], 1, "2019-09-30 00:00:00"),
        (["2019/05/31", "2019/06/30", "2019/07/31"], 2, "2019/09/30"),
        (["2020.01.31", "2020.02.29", "2020.03.31"], 1, "2020.04.30"),
        // Not every label on its month's last day: the day is the nearest label's.
        (["2020-01-30", "2020-02-29"], 1, "2020-03-29"),
        (["2008-09", "2009-10", "2010-11"], 2, "2012-13"),
        (["2008/2009", "2009/2010"], 1, "2010/2011"),
        (["2019\u{2013}20", "2020\u{2013}21"], 1, "2021\u{2013}22"),
        (["FY2010-11", "FY2011-12"], 1, "FY2012-13"),
        (["H1 2025", "H2 2025"], 3, "H1 2027"),
        (["2018-01-01", "2018-04-01", "2018-07-01"], 2, "2019-01-01"),
        (["Q4 '98", "Q1 '99"], 4, "Q1 '00"),
        (["1999-12", "2000-01"], 1, "2000-02"),
        // A day equal to the month keeps its number; May is short among short names; Sept stays Sept;
        // months written with one digit stay so.
        (["2024-10-01", "2024-11-01", "2024-12-01", "2025-01-01"], 1, "2025-02-01"),
        (["2018-04-01", "2018-07-01", "2018-10-01", "2019-01-01"], 1, "2019-04-01"),
        (["2025-03-05", "2025-04-05", "2025-05-05"], 1, "2025-06-05"),
        (["Mar 2025", "Apr 2025", "May 2025"], 1, "Jun 2025"),
        (["MAR 2025", "APR 2025", "MAY 2025"], 3, "AUG 2025"),
        (["march 2025", "april 2025", "may 2025"], 1, "june 2025"),
        (["9/2025", "10/2025", "11/2025", "12/2025"], 1, "1/2026"),
        (["2020m9", "2020m10", "2020m11", "2020m12"], 1, "2021m1"),
        (["AUG. 2024", "SEPT. 2024", "OCT. 2024", "NOV. 2024", "DEC. 2024", "JAN. 2025", "FEB. 2025", "MAR. 2025",
          "APR. 2025", "MAY 2025", "JUN. 2025", "JUL. 2025"], 2, "SEPT. 2025"),
    ] as [([String], Int, String)])
    func labelAfterData(_ labels: [String], _ ahead: Int, _ expected: String) throws {
        let calendar = try #require(PeriodCalendar(labels: labels))
        let x = Double(labels.count + ahead)
        #expect(calendar.label(forX: x) == expected)
        #expect(calendar.x(of: expected) == x)
        // Every label of the column names its own x.
        for (k, label) in labels.enumerated() {
            #expect(calendar.label(forX: Double(k + 1)) == label)
            #expect(calendar.x(of: label) == Double(k + 1))
        }
    }

    @Test("quarters dated by their last or middle month are named by their quarter's label too")
    func quartersDatedByLastMonth() throws {
        let ends = try #require(PeriodCalendar(labels: ["2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31"]))
        #expect(ends.x(of: "2021Q4") == 12)
        #expect(ends.x(of: "2019Q1") == 1)
        #expect(ends.x(of: "2018Q4") == 0)
        #expect(ends.label(forX: 12) == "2021-12-31")
        let middles = try #require(PeriodCalendar(labels: ["2019-02-15", "2019-05-15"]))
        #expect(middles.x(of: "2019Q3") == 3)
        let halves = try #require(PeriodCalendar(labels: ["2019-06-30", "2019-12-31"]))
        #expect(halves.x(of: "2020H2") == 4)
        // Quarters that end in January, April, July and October are no calendar quarters: named by their dates.
        let shifted = try #require(PeriodCalendar(labels: ["2019-01-31", "2019-04-30", "2019-07-31", "2019-10-31"]))
        #expect(shifted.x(of: "2022Q4") == nil && shifted.x(of: "2022Q1") == nil)
        #expect(shifted.x(of: "2022-10-31") == 16)
    }

    @Test("a period is named in any form the column reads, and only a period of its kind on its steps")
    func horizonForms() throws {
        let quarters = try #require(PeriodCalendar(labels: ["Q3 '07", "Q4 '07"]))
        #expect(quarters.x(of: "2008Q2") == 4)
        #expect(quarters.x(of: " Q2 2008 ") == 4)
        #expect(quarters.x(of: "2008-04") == nil)
        #expect(quarters.x(of: "soon") == nil)
        let byMonth = try #require(PeriodCalendar(labels: ["2018-01-01", "2018-04-01"]))
        #expect(byMonth.x(of: "2018-10-01") == 4)
        #expect(byMonth.x(of: "2018-10") == 4)
        #expect(byMonth.x(of: "2018-11-01") == nil)
        // Fiscal periods are named as fiscal ones: the column reads FY19Q1 as 2019Q1's number.
        let fiscal = try #require(PeriodCalendar(labels: ["FY19Q1", "FY19Q2"]))
        #expect(fiscal.x(of: "FY2019 Q4") == 4)
        #expect(fiscal.x(of: "2019Q4") == nil && quarters.x(of: "FY2008Q2") == nil)
        let seasons = try #require(PeriodCalendar(labels: ["2008-09", "2009-10"]))
        #expect(seasons.x(of: "2011-12") == 4)
        #expect(seasons.x(of: "2011/2012") == 4)
    }

    @Test("a gap and the periods before the data are named too")
    func gapAndBefore() throws {
        // Q2 2024 has no row: its label is empty in the column.
        let calendar = try #require(PeriodCalendar(labels: ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1", "", "2024Q3"]))
        #expect(calendar.label(forX: 6) == "2024Q2")
        #expect(calendar.label(forX: 0) == "2022Q4")
        #expect(calendar.label(forX: -4) == "2021Q4")
        #expect(calendar.x(of: "2021Q4") == -4)
        let months = try #require(PeriodCalendar(labels: ["Jan '00", "Feb '00"]))
        #expect(months.label(forX: 0) == "Dec '99")
        #expect(calendar.label(forX: 10) == "2025Q2")
        #expect(calendar.label(forX: 9) == "2025Q1")
        #expect(calendar.label(forX: 8) == "2024Q4")
    }

    @Test("no label that would not read back as its period; no calendar for labels that are no periods")
    func noMadeUpLabels() throws {
        // Two-digit years read as 1950–2049: 2050 cannot be written so.
        let late = try #require(PeriodCalendar(labels: ["Q3 '49", "Q4 '49"]))
        #expect(late.label(forX: 3) == nil)
        #expect(PeriodCalendar(labels: ["wave A", "wave B"]) == nil)
        #expect(PeriodCalendar(labels: ["Year 1", "Year 2"]) == nil)
        #expect(PeriodCalendar(labels: []) == nil)
        #expect(late.label(forX: 2.5) == nil)
        let early = try #require(PeriodCalendar(labels: ["Q1 '50", "Q2 '50"]))
        #expect(early.label(forX: 0) == nil)
    }

    /// The periods that start in a year, for a suggestion when a year is given where x holds periods.
    @Test("the periods of a year: quarters, half-years and months, before and after the data; none for seasons")
    func periodsInYear() throws {
        let quarters = try #require(PeriodCalendar(labels: ["2023Q1", "2023Q2", "2023Q3"]))
        #expect(quarters.periods(inYear: 2023) == 1...4)
        #expect(quarters.periods(inYear: 2025) == 9...12)
        #expect(quarters.periods(inYear: 2022) == -3...0)
        #expect(quarters.label(forX: 12) == "2025Q4")
        // Quarterly data dated by their middle month: the quarter that starts in the year.
        let dated = try #require(PeriodCalendar(labels: ["2023-02", "2023-05", "2023-08"]))
        #expect(dated.periods(inYear: 2024) == 5...8)
        let halves = try #require(PeriodCalendar(labels: ["H2 2020", "H1 2021"]))
        #expect(halves.periods(inYear: 2021) == 2...3)
        let months = try #require(PeriodCalendar(labels: ["Nov 2019", "Dec 2019"]))
        #expect(months.periods(inYear: 2020) == 3...14)
        #expect(months.periods(inYear: 1999) == -249 ... -238)
        #expect(months.periods(inYear: .max) == nil && months.periods(inYear: .min) == nil)
        let seasons = try #require(PeriodCalendar(labels: ["2008-09", "2009-10"]))
        #expect(seasons.periods(inYear: 2010) == nil)
    }
}
