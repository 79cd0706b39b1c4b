import ArgumentParser

@main
struct Adopt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Fit and forecast technology adoption curves."
    )
}
