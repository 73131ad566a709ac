import { styled } from 'styled-components';

/** A story offered in a list (a suggestion in the panel, a story to fill in on the homepage); dashed and grey while only suggested. */
export const StoryCard = styled.li<{ $suggested?: boolean }>`
  list-style: none;
  padding: ${({ theme }) => theme.spaces[2]};
  border: 1px ${({ $suggested }) => ($suggested ? 'dashed' : 'solid')} ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme, $suggested }) => ($suggested ? theme.colors.neutral100 : 'transparent')};
`;
