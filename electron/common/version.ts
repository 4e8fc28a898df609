/** The tool's name and version, as written into reports (kept in step with package.json by a test). */
export const toolName = 'netmortem';
export const version = '0.1.0';
