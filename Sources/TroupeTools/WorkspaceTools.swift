import TroupeCore

/// The read-only file tools over one workspace.
public enum WorkspaceTools {
    /// `list_files`, `read_file`, `search_files` and `count_lines` confined to `workspace`.
    public static func readOnly(_ workspace: Workspace) -> [any WorkerTool] {
        [
            ListFilesTool(workspace: workspace), ReadFileTool(workspace: workspace),
            SearchFilesTool(workspace: workspace), CountLinesTool(workspace: workspace),
        ]
    }
}
