public import TroupeCore

/// The file tools over one workspace.
public enum WorkspaceTools {
    /// The read-only tools, `write_file` and `edit_file` (which share `locks`), `run_command` in the
    /// workspace (inside `sandbox`, if given) and `web_fetch`.
    public static func standard(
        _ workspace: Workspace, locks: FileLocks = FileLocks(), sandbox: CommandSandbox? = nil
    ) -> [any WorkerTool] {
        readOnly(workspace) + [
            WriteFileTool(workspace: workspace, locks: locks), EditFileTool(workspace: workspace, locks: locks),
            RunCommandTool(workspace: workspace, sandbox: sandbox), WebFetchTool(),
        ]
    }

    /// `list_files`, `read_file`, `search_files`, `count_lines` and `outline` confined to `workspace`.
    public static func readOnly(_ workspace: Workspace) -> [any WorkerTool] {
        [
            ListFilesTool(workspace: workspace), ReadFileTool(workspace: workspace),
            SearchFilesTool(workspace: workspace), CountLinesTool(workspace: workspace), OutlineTool(workspace: workspace),
        ]
    }
}
