import { Link } from 'react-router-dom';
import { styled } from 'styled-components';

/** A homepage-widget row that opens a story's edit view (give it `to={editViewPath(...)}`). */
export const EntryLink = styled(Link)`
  display: block;
  text-decoration: none;
  border-radius: ${({ theme }) => theme.borderRadius};
  padding: ${({ theme }) => `${theme.spaces[1]} ${theme.spaces[2]}`};

  &:hover,
  &:focus-visible {
    background: ${({ theme }) => theme.colors.primary100};
  }
`;
