import AdoptData

/// The data files a scenario names: resolving their paths, reading them as CSV, and
/// remembering every file read, in order, for `Scenario.inputFiles`.
struct DataFiles {
    /// The scenario's path as given; the first entry of `paths`.
    let scenarioPath: String
    /// The scenario's folder (empty for a bare file name); data paths are relative to it.
    let folder: String
    /// The scenario, then each data file read, as resolved paths.
    private(set) var paths: [String]

    init(scenarioPath: String) {
        self.scenarioPath = scenarioPath
        if let slash = scenarioPath.lastIndex(of: "/") {
            folder = String(scenarioPath[...slash])
        } else {
            folder = ""
        }
        paths = [scenarioPath]
    }

    /// `name` resolved against the scenario's folder (absolute names are kept), normalized.
    func resolve(_ name: String) -> String {
        DataFiles.normalize(name.hasPrefix("/") ? name : folder + name)
    }

    /// Reads the CSV file named by `field` (a string, relative to the scenario) and interprets it with `parse`.
    ///
    /// - Returns: The parsed content and the file's resolved path.
    /// - Throws: `ScenarioError` with exit code 66 at the line of `field` when the file cannot be
    ///   read; otherwise the data error (exit 65) naming the data file, its line and field.
    mutating func read<T>(_ field: Field, as parse: (CSVTable) throws(DataError) -> T) throws(ScenarioError) -> (T, String) {
        let path = resolve(try field.string(nonEmpty: true))
        let table: CSVTable
        do {
            table = try CSVReader.read(contentsOfFile: path)
        } catch {
            guard error.kind == .missingInput else { throw ScenarioError(error) }
            var reason = error.message
            let prefix = "cannot read input: "
            if reason.hasPrefix(prefix) { reason.removeFirst(prefix.count) }
            throw field.error("\(field.label) names \(path), which cannot be read: \(reason) (in \(field.context))",
                              exitCode: 66)
        }
        paths.append(path)
        do {
            return (try parse(table), path)
        } catch {
            throw ScenarioError(error)
        }
    }

    /// Removes `.` components and folds `name/..` pairs, lexically: `a/b/../c` → `a/c`.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
