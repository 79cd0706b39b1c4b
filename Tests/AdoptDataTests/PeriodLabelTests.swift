@testable import AdoptData
import Testing

@Suite("Period labels read as dates")
struct PeriodLabelTests {
    // Months since year 0: a quarter is its first month (Q3 = month 7, index 6).
    @Test("quarters and months in the usual spellings", arguments: [
        ("Q3 2025", 2025 * 12 + 6), ("q3 2025", 2025 * 12 + 6), ("Q3 '07", 2007 * 12 + 6), ("Q1-2024", 2024 * 12),
        ("Q4/1999", 1999 * 12 + 9), ("2025Q3", 2025 * 12 + 6), ("2025 Q3", 2025 * 12 + 6), ("2025-Q2", 2025 * 12 + 3),
        ("2025-03", 2025 * 12 + 2), ("2025/12", 2025 * 12 + 11), ("Q2 '99", 1999 * 12 + 3), (" Q1 2020 ", 2020 * 12),
        ("FY19Q1", 2019 * 12), ("FY2019 Q4", 2019 * 12 + 9), ("19Q2", 2019 * 12 + 3),
        ("2025-03-15", 2025 * 12 + 2), ("2020/1/1", 2020 * 12), ("03/2025", 2025 * 12 + 2), ("3/2025", 2025 * 12 + 2),
        ("Mar 2025", 2025 * 12 + 2), ("march 2025", 2025 * 12 + 2), ("Sept. 2024", 2024 * 12 + 8),
        ("Dec-19", 2019 * 12 + 11), ("Jan '20", 2020 * 12), ("2025 Feb", 2025 * 12 + 1),
        ("H1 2025", 2025 * 12), ("2025H2", 2025 * 12 + 6),
        ("1Q19", 2019 * 12), ("3Q2025", 2025 * 12 + 6), ("2H19", 2019 * 12 + 6), ("Q1 FY19", 2019 * 12), ("FY2019", 2019 * 12),
        ("2020M01", 2020 * 12), ("1990m1", 1990 * 12), ("1990M12", 1990 * 12 + 11), ("Q1\u{00A0}2020", 2020 * 12),
        ("FY15", 2015 * 12), ("FY2010-11", 2010 * 12), ("FY 2010/11", 2010 * 12), ("2010S1", 2010 * 12), ("S2 2010", 2010 * 12 + 6),
    ])
    func dates(_ label: String, _ months: Int) {
        #expect(PeriodLabel.date(label)?.month == months)
    }

    @Test("seasons when every label is one; otherwise each label alone")
    func seasons() {
        #expect(PeriodLabel.dates(["2008-09", "2009-10", "2010-11"]).map { $0?.month } == [2008 * 12, 2009 * 12, 2010 * 12])
        #expect(PeriodLabel.dates(["2008/2009", "2009/2010"]).allSatisfy { $0?.length == 12 })
        #expect(PeriodLabel.dates(["2019\u{2013}20", "2020\u{2013}21"]).map { $0?.month } == [2019 * 12, 2020 * 12])
        // 2008-09 alone, or among months, is September 2008.
        #expect(PeriodLabel.dates(["2008-09", "2008-10"]).map { $0?.month } == [2008 * 12 + 8, 2008 * 12 + 9])
        #expect(PeriodLabel.dates(["2008-09"]).first??.length == 1)
        // Seasons with one that is not (2015-17 spans two years): the seasons stand and that one is
        // nil, so that the error names it; read alone, 2012-13 on would be the first non-month.
        #expect(PeriodLabel.dates(["2010-11", "2011-12", "2012-13", "2013-14", "2015-17"]).map { $0?.month }
                == [2010 * 12, 2011 * 12, 2012 * 12, 2013 * 12, nil])
    }

    /// FRED-style quarters dated by their first month, and years dated by January, are periods of
    /// a quarter and a year; months with an unobserved one between stay months.
    @Test("months all a quarter, half-year or year apart are periods of that length",
          arguments: [(["2018-01-01", "2018-04-01", "2018-07-01", "2019-01-01"], 3, [1.0, 2, 3, 5]),
                      (["2020-01", "2021-01", "2023-01"], 12, [1.0, 2, 4]),
                      (["2000-01", "2002-01", "2004-01"], 12, [1.0, 3, 5]),
                      (["2020-01", "2020-07", "2021-01"], 6, [1.0, 2, 3]),
                      (["2020-01", "2020-03", "2020-04"], 1, [1.0, 3, 4]),
                      (["2020-01"], 1, [1.0])])
    func periodLength(labels: [String], length: Int, numbers: [Double]) {
        let dates = PeriodLabel.dates(labels)
        let months = dates.map { $0!.month }
        #expect(PeriodLabel.periodLength(gaps: zip(months, months.dropFirst()).map { $1 - $0 }) == length)
        #expect(PeriodLabel.periodNumbers(dates, step: length) == numbers)
    }

    @Test("labels that look like dates, and plain ones", arguments: [("12/1/2024", true), ("Mar 15", true), ("2024-1", true),
                                                                      ("wave A", false), ("Q3", true), ("launch", false),
                                                                      ("FY2019", true), ("2019A", true), ("2019-01-01T00:00:00Z", true),
                                                                      ("1H19", true), ("wave 2", false), ("01/25", true), ("95/96", true), ("'95", true), ("Year 10", false)])
    func dateLike(label: String, looks: Bool) {
        #expect(PeriodLabel.looksLikeDate(label) == looks)
    }

    @Test("each kind has its length", arguments: [("Q1 2020", 3), ("2020-03", 1), ("Jan 2020", 1), ("H2 2020", 6)])
    func lengths(_ label: String, _ length: Int) {
        #expect(PeriodLabel.date(label)?.length == length)
    }

    @Test("anything else is no date", arguments: ["Q5 2025", "Q0 2025", "2025-13", "2025", "launch", "Q3", "wave 2",
                                                    "2025-Q", "Q3 20255", "202503", "", "03/25", "2020-2021", "Maybe 2020", "Q3 2025 x",
                                                    "2025-03-32", "H3 2025", "wave 1 2020", "1-2", "Mar",
                                                    "15-Mar", "25 Mar", "2024-1", "2025/3", "2025-13-15", "Mar 15", "Apr 01", "2020-02-31", "2020-04-31"])
    func notDates(_ label: String) {
        #expect(PeriodLabel.date(label) == nil)
    }

    @Test("a timestamp stands for its date's month", arguments: [
        "2021-03-01 00:00:00", "2021-03-15T13:45", "2021-03-01T00:00:00Z", "2021-03-01T00:00:00.000Z", "2021-03-01 00:00:00+01:00",
        "2021-03-01T08:00:00-0500", "2021-03-31 23:59:59.999",
    ])
    func timestamps(_ label: String) {
        #expect(PeriodLabel.date(label) == PeriodLabel.Date(month: 2021 * 12 + 2, length: 1, hasDay: true))
    }

    @Test("text that only begins like a timestamp is none", arguments: [
        "2021-03-01 24:00", "2021-03-01 12:60", "2021-03-01 12", "2021-03-01T12:00:0", "2021-03-01 12:00 UTC", "2021-13-01 00:00",
        "2021-02-30 00:00:00", "2021-03-01 12:00:00+1",
    ])
    func notTimestamps(_ label: String) {
        #expect(PeriodLabel.date(label) == nil)
    }

    @Test("a label written as a period that names none says which part is out of range", arguments: [
        ("2025-13", "there is no month 13"), ("2025-00", "there is no month 0"), ("13/2025", "there is no month 13"),
        ("2025Q5", "there is no quarter 5"), ("Q0 2025", "there is no quarter 0"), ("FY2019Q5", "there is no quarter 5"),
        ("H3 2025", "there is no half-year 3"), ("2025S3", "there is no semester 3"), ("2020M13", "there is no month 13"),
        ("2025-13-15", "there is no month 13"), ("2020-04-31", "April 2020 has no day 31"), ("2025-03-32", "March 2025 has no day 32"),
    ])
    func impossibleParts(_ label: String, _ why: String) {
        #expect(PeriodLabel.date(label) == nil)
        #expect(PeriodLabel.impossiblePart(label) == why)
    }

    @Test("periods, seasons and labels not written as periods have no impossible part",
          arguments: ["2025-12", "2025Q4", "2020-02-29", "2008-09", "wave 1", "2024-1", "Mar 15", "2025", "launch", "Q3"])
    func noImpossiblePart(_ label: String) {
        #expect(PeriodLabel.impossiblePart(label) == nil)
    }
}
