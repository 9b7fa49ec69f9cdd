/** The label set: names, colours and hotkeys. */
import { z } from 'zod'
import { call } from '../define'

export interface Label {
  id: number
  name: string
  color: string
  hotkey: string | null
  spanCount: number
}

const labelName = z
  .string()
  .trim()
  .min(1, 'A label needs a name.')
  .max(64, 'Label names are at most 64 characters.')
  .regex(/^[^\s]+$/, 'Label names cannot contain spaces (they become tags such as B-NAME).')
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are written #rrggbb.')
const hotkey = z
  .string()
  .regex(/^[0-9a-z]$/, 'A hotkey is one digit or lower-case letter.')
  .nullable()

export const labelCalls = {
  'labels.list': call<Label[]>()(z.object({}).strict(), 'All labels with their span counts.'),
  'labels.create': call<Label>()(
    z.object({ name: labelName, color: color.optional(), hotkey: hotkey.optional() }).strict(),
    'Adds a label.',
  ),
  'labels.update': call<Label>()(
    z
      .object({
        id: z.number().int(),
        name: labelName.optional(),
        color: color.optional(),
        hotkey: hotkey.optional(),
      })
      .strict(),
    'Renames, recolours or re-keys a label.',
  ),
  'labels.merge': call<Label>()(
    z.object({ from: z.number().int(), into: z.number().int() }).strict(),
    'Moves every span of one label to another and removes the first.',
  ),
  'labels.delete': call<{ deletedSpans: number }>()(
    z.object({ id: z.number().int() }).strict(),
    'Removes a label and all its spans.',
  ),
}
