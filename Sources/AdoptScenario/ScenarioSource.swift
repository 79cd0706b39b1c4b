/// The scenario file being read and where its keys are, for error messages.
struct ScenarioSource: Sendable {
    /// The scenario's path as given.
    let file: String
    let locator: KeyLocator

    /// An error (exit 65) at the line of `path`, or of its nearest ancestor in the file.
    func error(at path: TOMLPath, _ message: String, exitCode: Int32 = 65) -> ScenarioError {
        ScenarioError(file: file, line: locator.nearestLine(of: path), message: message, exitCode: exitCode)
    }
}
