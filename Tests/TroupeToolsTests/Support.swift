import TroupeCore

/// A tool's output text, line by line (empty lines kept).
func outputLines(_ output: ToolOutput) -> [String] {
    output.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}
