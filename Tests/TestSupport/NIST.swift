import Foundation

/// A NIST StRD nonlinear regression problem read from its `.dat` file.
public struct NISTProblem: Sendable {
    public let name: String
    /// The model in the toolkit's formula syntax (transcribed from the file's model line).
    public let formula: String
    public let parameterNames: [String]
    public let start1: [Double]
    public let start2: [Double]
    public let certified: [Double]
    public let certifiedStandardErrors: [Double]
    public let certifiedRSS: Double
    /// The file's "Number of Observations" (the data rows read must match it).
    public let observationCount: Int
    public let y: [Double]
    /// Predictor columns (one for every problem except Nelson, which has two).
    public let x: [[Double]]

    /// Reads `Tests/Fixtures/NIST/NAME.dat`.
    public init(name: String, formula: String) throws {
        self.name = name
        self.formula = formula
        let text = try Fixtures.text("NIST/\(name).dat")
        var names: [String] = [], s1: [Double] = [], s2: [Double] = [], cert: [Double] = [], se: [Double] = []
        var rss = Double.nan
        var count = -1
        var dataRows: [[Double]] = []
        var inData = false
        var dataHeaders = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if inData {
                let numbers = fields.compactMap(Double.init)
                if numbers.count == fields.count && !numbers.isEmpty { dataRows.append(numbers) }
                continue
            }
            if line.hasPrefix("Data:") {
                dataHeaders += 1
                if dataHeaders == 2 { inData = true }
                continue
            }
            if fields.count >= 6, fields[0].hasPrefix("b"), fields[1] == "=" {
                names.append(fields[0])
                s1.append(Double(fields[2])!)
                s2.append(Double(fields[3])!)
                cert.append(Double(fields[4])!)
                se.append(Double(fields[5])!)
            }
            if line.hasPrefix("Residual Sum of Squares:") { rss = Double(fields.last!)! }
            if line.hasPrefix("Number of Observations:") { count = Int(fields.last!)! }
        }
        parameterNames = names
        start1 = s1
        start2 = s2
        certified = cert
        certifiedStandardErrors = se
        certifiedRSS = rss
        observationCount = count
        y = dataRows.map { $0[0] }
        x = (1..<(dataRows.first?.count ?? 1)).map { j in dataRows.map { $0[j] } }
    }

    /// The data as a CSV file with columns `x,y` (single-predictor problems), every number
    /// written so that it reads back exactly.
    public var csvText: String {
        var csv = "x,y\n"
        for (x, y) in zip(x[0], y) { csv += "\(String(describing: x)),\(String(describing: y))\n" }
        return csv
    }

    /// The problems in `Tests/Fixtures/NIST`, with their models in formula syntax.
    public static let formulas: [(String, String)] = [
        ("Misra1a", "b1*(1-exp(-b2*x))"),
        ("Chwirut2", "exp(-b1*x)/(b2+b3*x)"),
        ("Chwirut1", "exp(-b1*x)/(b2+b3*x)"),
        ("Lanczos3", "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)"),
        ("Gauss1", "b1*exp(-b2*x) + b3*exp(-(x-b4)**2 / b5**2) + b6*exp(-(x-b7)**2 / b8**2)"),
        ("Gauss2", "b1*exp(-b2*x) + b3*exp(-(x-b4)**2 / b5**2) + b6*exp(-(x-b7)**2 / b8**2)"),
        ("DanWood", "b1*x**b2"),
        ("Misra1b", "b1 * (1-(1+b2*x/2)**(-2))"),
        ("Kirby2", "(b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)"),
        ("Hahn1", "(b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)"),
        ("Nelson", "b1 - b2*x1 * exp(-b3*x2)"),
        ("MGH17", "b1 + b2*exp(-x*b4) + b3*exp(-x*b5)"),
        ("Lanczos1", "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)"),
        ("Lanczos2", "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)"),
        ("Gauss3", "b1*exp(-b2*x) + b3*exp(-(x-b4)**2 / b5**2) + b6*exp(-(x-b7)**2 / b8**2)"),
        ("Misra1c", "b1 * (1-(1+2*b2*x)**(-.5))"),
        ("Misra1d", "b1*b2*x*((1+b2*x)**(-1))"),
        ("Roszman1", "b1 - b2*x - atan(b3/(x-b4))/pi"),
        ("ENSO", "b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 ) + b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 ) + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )"),
        ("Rat42", "b1 / (1+exp(b2-b3*x))"),
        ("Rat43", "b1 / ((1+exp(b2-b3*x))**(1/b4))"),
        ("MGH09", "b1*(x**2+x*b2) / (x**2+x*b3+b4)"),
        ("Thurber", "(b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)"),
        ("BoxBOD", "b1*(1-exp(-b2*x))"),
        ("MGH10", "b1 * exp(b2/(x+b3))"),
        ("Eckerle4", "(b1/b2) * exp(-0.5*((x-b3)/b2)**2)"),
        ("Bennett5", "b1 * (b2+x)**(-1/b3)"),
    ]

    /// Every problem, read once.
    public static let all: [NISTProblem] = formulas.compactMap { try? NISTProblem(name: $0.0, formula: $0.1) }

    /// The certified-digit floors the issue sets: 6 on estimates and RSS, 4 on standard
    /// errors, except Lanczos1 whose certified RSS (1.4e-25) is below double precision.
    public var requiredDigits: (estimates: Double, rss: Double, standardErrors: Double) {
        name == "Lanczos1" ? (6, 2.5, 2.5) : (6, 6, 4)
    }
}
