"""Understanding: normalising what fans type, finding what it names, matching it to a kind or fact."""
