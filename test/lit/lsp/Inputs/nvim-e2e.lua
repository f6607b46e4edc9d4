-- Neovim's own LSP client (0.7+) runs torchshape-lsp on a file, waits for
-- the diagnostics and a hover, and prints them.  Environment: TS_LSP (the
-- server), TS_FILE (the file).
local function out(s) io.stdout:write(s .. '\n') end
local file = os.getenv('TS_FILE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'torchshape',
  cmd = { os.getenv('TS_LSP') },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, id)
if not vim.wait(180000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  out('no diagnostics arrived')
  vim.cmd('cquit 1')
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  out(string.format('diagnostic %d:%d %s %s: %s', d.lnum + 1, d.col + 1, d.source,
    lsp.code or d.code or '?', d.message))
  for _, r in ipairs(lsp.relatedInformation or {}) do
    out(string.format('  note %d:%d: %s', r.location.range.start.line + 1,
      r.location.range.start.character + 1, r.message))
  end
end
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) },
                 position = { line = 13, character = 8 } }
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 60000) or {}
for _, r in pairs(res) do
  if r.result then out('hover: ' .. r.result.contents.value:gsub('\n', ' | ')) end
end
vim.lsp.stop_client(id)
vim.wait(10000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qall!')
