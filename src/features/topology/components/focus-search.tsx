import { useId, useState } from 'react'
import { suggestServices } from '../../../domain/topology/focus'

export interface FocusSearchProps {
  services: string[]
  onFocus: (service: string) => void
}

/** Start the graph from a service: type, pick a suggestion, press Enter. */
export function FocusSearch({ services, onFocus }: FocusSearchProps) {
  const [text, setText] = useState('')
  const listId = useId()
  const suggestions = suggestServices(services, text, 12)
  const submit = () => {
    const pick = services.find((s) => s === text.trim()) ?? suggestions[0]
    if (pick) {
      onFocus(pick)
      setText('')
    }
  }
  return (
    <form
      className="topo-focus-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label>
        <span className="topo-label">Focus</span>
        <input
          type="search"
          className="input"
          placeholder="Start from a service…"
          list={listId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Focus on a service"
        />
      </label>
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <button type="submit" className="btn" disabled={suggestions.length === 0}>
        Focus
      </button>
    </form>
  )
}
