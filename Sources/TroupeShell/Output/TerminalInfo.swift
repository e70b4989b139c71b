public import CLibEdit
import Foundation

/// Facts about the process's terminal.
public enum TerminalInfo {
    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// Columns and rows of the terminal on `fd`, if it is one.
    public static func size(of fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
        var columns: Int32 = 0
        var rows: Int32 = 0
        guard cle_terminal_size(fd, &columns, &rows) == 0 else { return nil }
        return (Int(columns), Int(rows))
    }

    /// Whether colour should be used on `fd`: a terminal, and `NO_COLOR` unset or empty.
    public static func wantsColor(_ fd: Int32, environment: [String: String]) -> Bool {
        isTerminal(fd) && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
