-- How much of a chapter's page is code and how much prose, as a reader
-- sees it before opening anything (tools/check-listings):
--
--     pandoc --from markdown --to plain --lua-filter book/measure.lua \
--       CHAPTER.md -o /dev/null
--
-- reads the woven Markdown of a chapter (the AST the HTML page is written
-- from) and prints one line, "CODE PROSE LONGEST":
--   * CODE, the lines of code its listings show by default: the lines of
--     every listing (::: {.listing}) outside its folds (::: {.fold});
--   * PROSE, its lines of prose: the text of its paragraphs and lists as
--     pandoc writes it as plain text, filled to 80 columns; not headings,
--     captions, tables, outputs, a listing's origin line, nor what the page
--     shows closed (hints, answers);
--   * LONGEST, the most lines of code one listing shows by default.

local code, prose, longest = 0, 0, 0

local function lines(text)
  local n = 0
  for _ in (text .. '\n'):gmatch('[^\n]*\n') do n = n + 1 end
  return n
end

local function text_lines(blocks)
  local text = pandoc.write(pandoc.Pandoc(blocks), 'plain',
    {columns = 80, wrap_text = 'auto'})
  local n = 0
  for line in text:gmatch('[^\n]*') do
    if line:match('%S') then n = n + 1 end
  end
  return n
end

-- The lines of code a listing shows: those of its code blocks, not those
-- inside a fold.
local function listing_lines(div)
  local n = 0
  for _, b in ipairs(div.content) do
    if b.t == 'CodeBlock' then n = n + lines(b.text:gsub('\n$', '')) end
  end
  return n
end

local closed = {hint = true, answer = true}

local walk
walk = function (blocks)
  for _, b in ipairs(blocks) do
    if b.t == 'Div' then
      if b.classes:includes('listing') then
        local n = listing_lines(b)
        code = code + n
        if n > longest then longest = n end
      elseif not (b.classes:includes('hint') or b.classes:includes('answer')
                  or b.classes:includes('output')) then
        walk(b.content)
      end
    elseif b.t == 'Para' or b.t == 'Plain' then
      -- a figure alone in its paragraph is no prose
      if not (#b.content == 1 and b.content[1].t == 'Image') then
        prose = prose + text_lines({pandoc.Plain(b.content)})
      end
    elseif b.t == 'BulletList' or b.t == 'OrderedList' then
      for _, item in ipairs(b.content) do walk(item) end
    elseif b.t == 'BlockQuote' then
      walk(b.content)
    end
  end
end

function Pandoc(doc)
  walk(doc.blocks)
  io.write(string.format('%d %d %d\n', code, prose, longest))
  return doc
end
