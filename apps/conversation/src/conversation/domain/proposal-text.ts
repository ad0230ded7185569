import type { ComponentOutput, ComponentType } from '@choice-sherpa/events/outputs';
import { COMPONENT_GUIDES } from './component-guides';

function label(field: string): string {
  return field.replace(/_/g, ' ');
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return value.map(inline).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${label(k)}: ${inline(v)}`)
      .join('; ');
  }
  return String(value);
}

/** The proposed output as the user reads it before confirming: every field, lists one item per line. */
export function proposalText(type: ComponentType, output: ComponentOutput): string {
  const lines = [`Here is the ${COMPONENT_GUIDES[type].title} output I would save:`];
  for (const [field, value] of Object.entries(output)) {
    if (Array.isArray(value)) {
      lines.push(`${label(field)}:${value.length === 0 ? ' (none)' : ''}`);
      for (const item of value) lines.push(`- ${inline(item)}`);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      lines.push(`${label(field)}:${entries.length === 0 ? ' (none)' : ''}`);
      for (const [key, inner] of entries) lines.push(`- ${key}: ${inline(inner)}`);
    } else {
      lines.push(`${label(field)}: ${value === null ? '(none)' : String(value)}`);
    }
  }
  lines.push('', 'Reply "yes" to save it, or tell me what to change.');
  return lines.join('\n');
}

export function confirmationText(type: ComponentType): string {
  return `Saved: this is now the ${COMPONENT_GUIDES[type].title} output. You can complete the component, or keep talking to change it.`;
}
