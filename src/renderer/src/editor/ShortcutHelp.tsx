/** The `?` overlay: every shortcut of the current keymap, grouped, plus any hotkey conflicts. */
import { Alert, Kbd, Modal, Stack, Table, Text } from '@mantine/core'
import type { Keymap } from './model'
import { displayChord, findConflicts, shortcutTable } from './model'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function ShortcutHelp({
  keymap,
  opened,
  onClose,
}: {
  keymap: Keymap
  opened: boolean
  onClose: () => void
}) {
  const conflicts = findConflicts(keymap)
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg" data-testid="shortcut-help">
      <Stack gap="md">
        {conflicts.map((c) => (
          <Alert key={c.chord} color="orange" variant="light">
            {c.reason}
          </Alert>
        ))}
        {shortcutTable(keymap).map((group) => (
          <div key={group.group}>
            <Text fw={600} size="sm" mb={4}>
              {group.group}
            </Text>
            <Table striped withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {group.rows.map((row) => (
                  <Table.Tr key={row.action}>
                    <Table.Td w="40%">
                      {row.chords.map((c, i) => (
                        <span key={c}>
                          {i > 0 && ' or '}
                          <Kbd size="xs">{displayChord(c, isMac)}</Kbd>
                        </span>
                      ))}
                    </Table.Td>
                    <Table.Td>{row.description}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
      </Stack>
    </Modal>
  )
}
