import Testing
@testable import Fitting

/// How a message writes a number: enough digits that two different values read differently.
@Suite("Numbers in messages")
struct MessageNumberTests {
    @Test("a number is written with three decimals from 1 to 1e6, four significant digits below 1, else in scientific notation",
          arguments: [
              (16497.0045631, "16497.005"), (2, "2"), (0.175, "0.175"), (0.00354294, "0.003543"), (0.0042950, "0.004295"),
              (-0.0123456, "-0.01235"), (0.99996, "1"), (8.83e-5, "8.83e-5"), (2.384e-25, "2.384e-25"), (3.5e7, "3.5e7"),
          ])
    func shortNumbers(value: Double, text: String) {
        #expect(shortNumber(value) == text)
    }

    @Test("two small RSS that differ are written so that they read differently")
    func smallRSS() {
        // The Australian renewables' Gompertz fit against its exponential limit: 0.00354 and 0.0043
        // read "RSS 0.004 against 0.004".
        #expect(AdoptionFitter.rssAgainst(0.00354273, 0.00429503, floor: 0) == "RSS 0.003543 against 0.004295")
    }
}
