-- The user configuration the Neovim tests run with: exactly what editors/nvim/README.md tells a user
-- to write (the repository's editors/nvim on 'runtimepath', then vim.lsp.enable). The `byline`
-- binary is found on PATH, as for a user.
local repo = assert(os.getenv('BYLINE_REPO'), 'BYLINE_REPO is not set')
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.lsp.enable('byline')
