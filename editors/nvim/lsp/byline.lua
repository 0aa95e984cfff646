-- byline: a language server for news writing (people, attribution, sections).
--
-- Neovim >= 0.11: put this folder (editors/nvim) on 'runtimepath', or copy this file to
-- ~/.config/nvim/lsp/byline.lua, then:
--
--     vim.lsp.enable('byline')
--
-- Override any field with vim.lsp.config('byline', { ... }), e.g. the server's path or settings:
--
--     vim.lsp.config('byline', {
--       cmd = { vim.fn.expand('~/bin/byline'), '--stdio' },
--       settings = { byline = { debounceMs = 0, codes = { ['vague-source'] = 'off' } } },
--     })
--
-- Settings: the same keys as everywhere else (see editors/README.md); a `byline.toml` at the
-- project root is read by the server itself and wins over editor settings.

---@type vim.lsp.Config
return {
  cmd = { 'byline', '--stdio' },
  filetypes = { 'text', 'markdown' },
  -- the project root is the nearest folder with a byline.toml, else the git repository;
  -- with neither, byline still runs on the single file.
  root_markers = { 'byline.toml', '.git' },
  workspace_required = false,
  -- initializationOptions are the settings object itself; `settings.byline` is what
  -- workspace/didChangeConfiguration carries. Both start empty: the server's defaults apply.
  init_options = vim.empty_dict(),
  settings = { byline = vim.empty_dict() },
}
